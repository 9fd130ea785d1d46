import {
  type CommissionPartner,
  type ConversionLifecycle,
  computeCommissions,
  type HeldBack,
  type LedgerRow,
  type LedgerRowKind,
  type LedgerRowStatus,
  moneyToDecimal,
  type PayoutFee,
  type PayoutLine,
  type PayoutPartner,
  type PeriodVolume,
  planPayouts,
  reversalLines,
  startLifecycle,
  type TransitionResult,
  transitionConversion,
} from '@tandem/core'
import type { SeedContext } from './context.ts'
import type { SeedConversion } from './conversions.ts'
import type { SeedPartner } from './partners.ts'
import { CURRENCY, type DemoPrograms } from './programs.ts'

/** A commission ledger row as the simulation keeps it (mutable status and payout until written). */
export interface SimRow {
  readonly id: string
  readonly programId: string
  readonly partnerId: string
  readonly conversionId: string
  readonly ruleId: string | null
  readonly level: number
  readonly kind: LedgerRowKind
  readonly amountMinor: number
  status: LedgerRowStatus
  readonly explanation: string
  readonly reversesId: string | null
  payoutId: string | null
  readonly idempotencyKey: string
  readonly createdAt: number
  approvedAt: number | null
}

/**
 * A change core applied to a conversion after it was recorded, for the ClickHouse event stream
 * (as the tracker writes it): 'status' for approvals and rejections, 'refund' with the negative
 * amount and the reversal rows' sum.
 */
export interface AppliedChange {
  readonly type: 'status' | 'refund'
  readonly conversion: SeedConversion
  readonly at: number
  readonly amountMinor: number
  readonly commissionMinor: number
  readonly stateAfter: ConversionLifecycle['state']
}

export interface ConversionOutcome {
  lifecycle: ConversionLifecycle
  decidedAt: number | null
  rejectionReason: string | null
  rows: SimRow[]
}

export interface SimPayout {
  readonly id: string
  readonly line: PayoutLine
}

export interface LedgerOutcome {
  readonly outcomes: ReadonlyMap<string, ConversionOutcome>
  readonly rows: SimRow[]
  readonly changes: AppliedChange[]
  readonly payoutAt: number
  readonly payouts: SimPayout[]
  readonly heldBack: readonly HeldBack[]
}

/** Fees per payout method: PayPal 2% capped at 20 EUR and Wise 0.75 EUR, paid by the partner; SEPA is free. */
export const PAYOUT_FEES: readonly PayoutFee[] = [
  {
    method: 'paypal',
    currency: CURRENCY,
    rate: { bps: 200 },
    maximum: { amountMinor: 2000, currency: CURRENCY },
    paidBy: 'partner',
  },
  { method: 'wise', currency: CURRENCY, fixed: { amountMinor: 75, currency: CURRENCY }, paidBy: 'partner' },
]

type Step =
  | { at: number; order: 0; kind: 'create'; conversion: SeedConversion }
  | { at: number; order: 1; kind: 'event'; conversion: SeedConversion; index: number }
  | { at: number; order: 2; kind: 'auto'; conversion: SeedConversion }
  | { at: number; order: 3; kind: 'payout' }

/**
 * Replays the 90 days in time order: each conversion is recorded (core prices it), managers
 * reject, customers refund, holds end (core's lifecycle decides each transition and its
 * effect on the ledger rows), and one payout batch runs (core plans it) `payoutDaysAgo` ago,
 * so refunds after it become clawbacks.
 */
export function runLedger(
  ctx: SeedContext,
  programs: DemoPrograms,
  partners: ReadonlyMap<string, SeedPartner>,
  conversions: readonly SeedConversion[],
  payoutDaysAgo: number,
): LedgerOutcome {
  const rng = ctx.rng.fork('ledger')
  const payoutAt = ctx.nowMs - payoutDaysAgo * 86_400_000
  const outcomes = new Map<string, ConversionOutcome>()
  const steps: Step[] = [{ at: payoutAt, order: 3, kind: 'payout' }]
  for (const conversion of conversions) {
    const lifecycle = startLifecycle({
      amount: { amountMinor: conversion.basket.amount, currency: CURRENCY },
      occurredAt: new Date(conversion.occurredAt),
      holdDays: conversion.holdDays,
    })
    outcomes.set(conversion.id, { lifecycle, decidedAt: null, rejectionReason: null, rows: [] })
    steps.push({ at: conversion.occurredAt, order: 0, kind: 'create', conversion })
    conversion.planned.forEach((p, index) => {
      steps.push({ at: p.at, order: 1, kind: 'event', conversion, index })
    })
    const holdEnds = lifecycle.holdUntil.getTime()
    if (holdEnds <= ctx.nowMs) steps.push({ at: holdEnds, order: 2, kind: 'auto', conversion })
  }
  const sequence = new Map(conversions.map((c, i) => [c.id, i]))
  const seqOf = (s: Step) => (s.kind === 'payout' ? -1 : (sequence.get(s.conversion.id) ?? 0))
  steps.sort((a, b) => a.at - b.at || a.order - b.order || seqOf(a) - seqOf(b))

  const rows: SimRow[] = []
  const changes: AppliedChange[] = []
  const payouts: SimPayout[] = []
  let heldBack: readonly HeldBack[] = []
  const periods = new PeriodBook()

  for (const step of steps) {
    if (step.kind === 'payout') {
      const plan = planPayouts({
        rows: rows.map(toLedgerRow),
        partners: payoutPartners(partners, rows),
        thresholds: [
          {
            currency: CURRENCY,
            minimum: {
              amountMinor: programs.affiliate.row.payout_threshold_minor ?? 5000,
              currency: CURRENCY,
            },
          },
        ],
        fees: PAYOUT_FEES,
      })
      const byId = new Map(rows.map((r) => [r.id, r]))
      for (const line of plan.lines) {
        const id = rng.uuid()
        for (const rowId of line.rowIds) {
          const row = byId.get(rowId)
          if (row) row.payoutId = id
        }
        payouts.push({ id, line })
      }
      heldBack = plan.heldBack
      continue
    }
    const { conversion } = step
    const outcome = outcomes.get(conversion.id)!
    if (step.kind === 'create') {
      if (conversion.program === 'affiliate' && conversion.attribution.shares.length > 0) {
        const created = price(conversion, programs, partners, periods)
        created.forEach((line, i) => {
          const row: SimRow = {
            id: rng.uuid(),
            programId: conversion.programId,
            partnerId: line.partnerId,
            conversionId: conversion.id,
            ruleId: line.ruleId,
            level: line.level,
            kind: line.kind,
            amountMinor: line.amount.amountMinor,
            status: 'pending',
            explanation: line.explanation,
            reversesId: null,
            payoutId: null,
            idempotencyKey: `conversion:${conversion.id}:line:${i}`,
            createdAt: conversion.occurredAt,
            approvedAt: null,
          }
          outcome.rows.push(row)
          rows.push(row)
        })
      }
      continue
    }

    const state = outcome.lifecycle.state
    let result: TransitionResult | null = null
    let refundId = ''
    if (step.kind === 'auto') {
      if (state === 'pending')
        result = transitionConversion(outcome.lifecycle, { type: 'auto_approve' }, new Date(step.at))
    } else {
      const event = conversion.planned[step.index]!.event
      if (event.type === 'reject' && state === 'pending') {
        result = transitionConversion(outcome.lifecycle, event, new Date(step.at))
        outcome.rejectionReason = event.reason ?? null
      } else if (event.type === 'refund' && (state === 'pending' || state === 'approved')) {
        const left = outcome.lifecycle.amount.amountMinor - outcome.lifecycle.refunded.amountMinor
        const amountMinor = Math.min(event.amount.amountMinor, left)
        if (amountMinor > 0) {
          refundId = event.refundId
          result = transitionConversion(
            outcome.lifecycle,
            { ...event, amount: { amountMinor, currency: CURRENCY } },
            new Date(step.at),
          )
        }
      }
    }
    if (!result?.changed) continue
    outcome.lifecycle = result.next
    if (result.next.state !== state) outcome.decidedAt = step.at
    const effect = result.effect
    if (effect.type === 'set_row_status') {
      for (const row of outcome.rows) {
        if (row.status !== 'pending' || row.payoutId !== null) continue
        row.status = effect.status
        if (effect.status === 'approved') row.approvedAt = step.at
      }
      changes.push({
        type: 'status',
        conversion,
        at: step.at,
        amountMinor: 0,
        commissionMinor: 0,
        stateAfter: result.next.state,
      })
    } else if (effect.type === 'reverse') {
      const added = reversalLines({
        rows: outcome.rows.map(toLedgerRow),
        refund: { refunded: effect.refundedAfter, total: outcome.lifecycle.amount },
        rounding: 'half-even',
      })
      let commissionMinor = 0
      added.forEach((line, i) => {
        const row: SimRow = {
          id: rng.uuid(),
          programId: conversion.programId,
          partnerId: line.partnerId,
          conversionId: conversion.id,
          ruleId: line.ruleId,
          level: line.level,
          kind: line.kind,
          amountMinor: line.amount.amountMinor,
          status: line.status,
          explanation: `${line.kind === 'clawback' ? 'Clawback (already paid out)' : 'Reversal'}: refund ${refundId} brings the refunded total to ${moneyToDecimal(effect.refundedAfter)} of ${moneyToDecimal(outcome.lifecycle.amount)} ${CURRENCY}`,
          reversesId: line.reversesRowId,
          payoutId: null,
          idempotencyKey: `refund:${conversion.id}:${refundId}:line:${i}`,
          createdAt: step.at,
          approvedAt: line.status === 'approved' ? step.at : null,
        }
        commissionMinor += row.amountMinor
        outcome.rows.push(row)
        rows.push(row)
      })
      changes.push({
        type: 'refund',
        conversion,
        at: step.at,
        amountMinor: effect.refundedAfter.amountMinor - effect.refundedBefore.amountMinor,
        commissionMinor,
        stateAfter: result.next.state,
      })
    }
  }
  return { outcomes, rows, changes, payoutAt, payouts, heldBack }
}

/** core.computeCommissions for one conversion, with the partners' parent chains and month-to-date volume. */
function price(
  conversion: SeedConversion,
  programs: DemoPrograms,
  partners: ReadonlyMap<string, SeedPartner>,
  periods: PeriodBook,
) {
  const facts: Record<string, CommissionPartner> = {}
  const month = new Date(conversion.occurredAt).toISOString().slice(0, 7)
  for (const share of conversion.attribution.shares) {
    const chain: string[] = []
    let parent = partners.get(share.partnerId)?.parentId ?? null
    while (parent && !chain.includes(parent)) {
      chain.push(parent)
      parent = partners.get(parent)?.parentId ?? null
    }
    const p = partners.get(share.partnerId)
    facts[share.partnerId] = {
      status: p?.status ?? 'deactivated',
      groupId: p?.groupId ?? null,
      parentIds: chain,
      period: periods.get(share.partnerId, month, conversion.event),
    }
    for (const id of chain) {
      const ancestor = partners.get(id)
      facts[id] ??= { status: ancestor?.status ?? 'deactivated', groupId: ancestor?.groupId ?? null }
    }
  }
  const result = computeCommissions({
    conversion: {
      event: conversion.event,
      amount: { amountMinor: conversion.basket.amount, currency: CURRENCY },
      tax: { amountMinor: conversion.basket.tax, currency: CURRENCY },
      shipping: { amountMinor: conversion.basket.shipping, currency: CURRENCY },
      lineItems: conversion.basket.lineItems.map((l) => ({
        sku: l.sku,
        category: l.category,
        quantity: l.quantity,
        amount: { amountMinor: l.amountMinor, currency: CURRENCY },
      })),
      occurredAt: new Date(conversion.occurredAt),
    },
    shares: conversion.attribution.shares,
    ruleSet: programs.affiliate.ruleSet,
    partners: facts,
  })
  for (const v of result.volume)
    periods.addVolume(v.partnerId, month, conversion.event, v.conversions, v.revenue.amountMinor)
  for (const line of result.lines) {
    if (line.level === 0 && line.kind === 'commission')
      periods.addCommission(line.partnerId, month, line.amount.amountMinor)
  }
  return result.lines
}

/** Month-to-date volume per partner, before each conversion (what tier and cap rules look at). */
class PeriodBook {
  private readonly volume = new Map<string, { conversions: number; revenue: number }>()
  private readonly commission = new Map<string, number>()

  get(partnerId: string, month: string, event: string): PeriodVolume | undefined {
    const v = this.volume.get(`${partnerId}|${month}|${event}`)
    const c = this.commission.get(`${partnerId}|${month}`)
    if (!v && c === undefined) return undefined
    return {
      conversions: v?.conversions ?? 0,
      revenue: { amountMinor: v?.revenue ?? 0, currency: CURRENCY },
      commission: { amountMinor: c ?? 0, currency: CURRENCY },
    }
  }

  addVolume(partnerId: string, month: string, event: string, conversions: number, revenue: number): void {
    const key = `${partnerId}|${month}|${event}`
    const v = this.volume.get(key) ?? { conversions: 0, revenue: 0 }
    this.volume.set(key, { conversions: v.conversions + conversions, revenue: v.revenue + revenue })
  }

  addCommission(partnerId: string, month: string, amountMinor: number): void {
    const key = `${partnerId}|${month}`
    this.commission.set(key, (this.commission.get(key) ?? 0) + amountMinor)
  }
}

export function toLedgerRow(row: SimRow): LedgerRow {
  return {
    id: row.id,
    partnerId: row.partnerId,
    conversionId: row.conversionId,
    kind: row.kind,
    ruleId: row.ruleId,
    level: row.level,
    amount: { amountMinor: row.amountMinor, currency: CURRENCY },
    status: row.status,
    payoutId: row.payoutId,
    reversesRowId: row.reversesId,
  }
}

function payoutPartners(
  partners: ReadonlyMap<string, SeedPartner>,
  rows: readonly SimRow[],
): Record<string, PayoutPartner> {
  const out: Record<string, PayoutPartner> = {}
  for (const row of rows) {
    if (out[row.partnerId]) continue
    const p = partners.get(row.partnerId)
    out[row.partnerId] = p?.payout ?? { status: 'deactivated', payoutMethod: null }
  }
  return out
}
