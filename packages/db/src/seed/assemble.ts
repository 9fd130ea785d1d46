import type { Insertable } from 'kysely'
import type {
  AuditLogTable,
  CommissionsTable,
  ConversionsTable,
  PayoutBatchesTable,
  PayoutItemsTable,
  PayoutsTable,
} from '../postgres/schema.ts'
import { DAY_MS, json, type SeedContext } from './context.ts'
import type { SeedConversion } from './conversions.ts'
import type { EventRow } from './dataset.ts'
import type { LedgerOutcome } from './ledger.ts'
import { subIdsOf } from './orders.ts'
import type { DemoPartners } from './partners.ts'
import { CURRENCY } from './programs.ts'

const NO_PARTNER = '00000000-0000-0000-0000-000000000000'

/** Conversions and their ledger rows as Postgres rows, from the replayed lifecycle. */
export function conversionRows(
  conversions: readonly SeedConversion[],
  ledger: LedgerOutcome,
): { conversions: Insertable<ConversionsTable>[]; commissions: Insertable<CommissionsTable>[] } {
  const rows: Insertable<ConversionsTable>[] = conversions.map((c) => {
    const outcome = ledger.outcomes.get(c.id)!
    const lastClick = c.touches[c.touches.length - 1] ?? null
    return {
      id: c.id,
      program_id: c.programId,
      event: c.event,
      order_id: c.orderId,
      customer_id: c.customer.id,
      partner_id: c.partnerId,
      status: outcome.lifecycle.state,
      amount_minor: c.basket.amount,
      tax_minor: c.basket.tax,
      shipping_minor: c.basket.shipping,
      refunded_minor: outcome.lifecycle.refunded.amountMinor,
      currency: CURRENCY,
      click_id: lastClick?.click_id ?? null,
      coupon_code: c.coupon?.code ?? null,
      source: 'seed',
      attribution: json(c.attribution),
      fraud_flags: json(c.fraudFlags),
      sub_ids: json(subIdsOf(c.winningClick ?? lastClick)),
      // Stored in core's LineItem shape, so readers can hand them back to core.
      line_items: json(
        c.basket.lineItems.map((l) => ({
          sku: l.sku,
          category: l.category,
          quantity: l.quantity,
          amount: { amountMinor: l.amountMinor, currency: CURRENCY },
        })),
      ),
      occurred_at: new Date(c.occurredAt),
      hold_until: outcome.lifecycle.holdUntil,
      decided_at: outcome.decidedAt === null ? null : new Date(outcome.decidedAt),
      created_at: new Date(c.occurredAt),
    }
  })
  const commissions: Insertable<CommissionsTable>[] = ledger.rows.map((r) => ({
    id: r.id,
    program_id: r.programId,
    partner_id: r.partnerId,
    conversion_id: r.conversionId,
    rule_id: r.ruleId,
    level: r.level,
    kind: r.kind,
    amount_minor: r.amountMinor,
    currency: CURRENCY,
    status: r.status,
    explanation: r.explanation,
    reverses_id: r.reversesId,
    idempotency_key: r.idempotencyKey,
    created_at: new Date(r.createdAt),
    approved_at: r.approvedAt === null ? null : new Date(r.approvedAt),
  }))
  return { conversions: rows, commissions }
}

/**
 * ClickHouse `events`, as the tracker writes them: a 'conversion' row when the conversion is
 * recorded (status pending, its amount and the commission it created), a 'status' row per
 * approval or rejection, and a 'refund' row per refund (negative amount, the reversal rows'
 * sum). Sums over the rows, and each conversion's latest status, agree with Postgres.
 */
export function eventRows(
  ctx: SeedContext,
  conversions: readonly SeedConversion[],
  ledger: LedgerOutcome,
): EventRow[] {
  const rng = ctx.rng.fork('events')
  const base = (c: SeedConversion) => {
    const click = c.winningClick ?? c.touches[c.touches.length - 1] ?? null
    return {
      program_id: c.programId,
      partner_id: c.partnerId ?? NO_PARTNER,
      link_id: c.winningClick?.link_id ?? 0,
      click_id: click?.click_id ?? '',
      conversion_id: c.id,
      order_id: c.orderId,
      event_name: c.event,
      currency: CURRENCY,
      visitor_hash: c.visitor.hash,
      ip_hash: c.visitor.ipHash,
      user_agent: c.visitor.userAgent,
      referer: '',
      sub1: click?.sub1 ?? '',
      sub2: click?.sub2 ?? '',
      sub3: click?.sub3 ?? '',
      sub4: click?.sub4 ?? '',
      sub5: click?.sub5 ?? '',
      is_bot: 0 as const,
      fraud_score: c.fraudScore,
      fraud_flags: c.fraudFlags.map((f) => f.code),
    }
  }
  const rows: EventRow[] = []
  for (const c of conversions) {
    const outcome = ledger.outcomes.get(c.id)!
    const original = outcome.rows
      .filter((r) => r.reversesId === null)
      .reduce((sum, r) => sum + r.amountMinor, 0)
    rows.push({
      ...base(c),
      event_id: rng.uuid(),
      ts: c.occurredAt,
      type: 'conversion',
      status: 'pending',
      amount_minor: c.basket.amount,
      commission_minor: original,
    })
  }
  for (const change of ledger.changes) {
    rows.push({
      ...base(change.conversion),
      event_id: rng.uuid(),
      ts: change.at,
      type: change.type,
      status: change.stateAfter,
      amount_minor: -change.amountMinor,
      commission_minor: change.commissionMinor,
    })
  }
  return rows.sort((a, b) => a.ts - b.ts)
}

/** The paid payout batch: one payout per planned line, items linking the commission rows it paid. */
export function payoutRows(
  ctx: SeedContext,
  ledger: LedgerOutcome,
  partners: DemoPartners,
): {
  batches: Insertable<PayoutBatchesTable>[]
  payouts: Insertable<PayoutsTable>[]
  items: Insertable<PayoutItemsTable>[]
  batchId: string | null
} {
  if (ledger.payouts.length === 0) return { batches: [], payouts: [], items: [], batchId: null }
  const batchId = ctx.rng.fork('payout-batch').uuid()
  const createdAt = new Date(ledger.payoutAt)
  const paidAt = new Date(ledger.payoutAt + DAY_MS)
  const amounts = new Map(ledger.rows.map((r) => [r.id, r.amountMinor]))
  const payouts: Insertable<PayoutsTable>[] = []
  const items: Insertable<PayoutItemsTable>[] = []
  ledger.payouts.forEach(({ id, line }, i) => {
    payouts.push({
      id,
      batch_id: batchId,
      partner_id: line.partnerId,
      amount_minor: line.amount.amountMinor,
      fee_minor: line.fee.amountMinor,
      currency: line.amount.currency,
      method: line.method,
      status: 'paid',
      reference: `${line.method.toUpperCase().replace('_', '-')}-${paidAt.toISOString().slice(0, 10).replace(/-/g, '')}-${String(i + 1).padStart(3, '0')}`,
      created_at: createdAt,
      paid_at: paidAt,
    })
    for (const rowId of line.rowIds) {
      items.push({ payout_id: id, commission_id: rowId, amount_minor: amounts.get(rowId) ?? 0 })
    }
  })
  const total = ledger.payouts.reduce((sum, p) => sum + p.line.amount.amountMinor, 0)
  return {
    batches: [
      {
        id: batchId,
        status: 'paid',
        currency: CURRENCY,
        total_minor: total,
        created_by: partners.ownerUserId,
        created_at: createdAt,
        paid_at: paidAt,
      },
    ],
    payouts,
    items,
    batchId,
  }
}

/** Who did what: enrollment decisions, suspensions, rejected conversions, the payout, the seed itself. */
export function auditRows(
  ctx: SeedContext,
  partners: DemoPartners,
  conversions: readonly SeedConversion[],
  ledger: LedgerOutcome,
  batch: { batchId: string | null; total: number; payouts: number },
): Insertable<AuditLogTable>[] {
  const rows: Insertable<AuditLogTable>[] = []
  for (const e of partners.enrollmentRows) {
    if (!e.decided_at || e.status === 'pending') continue
    rows.push({
      actor_type: 'user',
      actor_id: partners.managerUserId,
      action: e.status === 'suspended' ? 'partner.suspended' : `enrollment.${e.status}`,
      entity_type: 'partner',
      entity_id: e.partner_id,
      data: json(
        e.status === 'suspended'
          ? { programId: e.program_id, reason: 'Bot traffic on tracking links' }
          : { programId: e.program_id, groupId: e.group_id ?? null },
      ),
      at: e.decided_at,
    })
  }
  for (const c of conversions) {
    const outcome = ledger.outcomes.get(c.id)!
    if (outcome.lifecycle.state !== 'rejected' || outcome.decidedAt === null) continue
    rows.push({
      actor_type: 'user',
      actor_id: partners.managerUserId,
      action: 'conversion.rejected',
      entity_type: 'conversion',
      entity_id: c.id,
      data: json({ orderId: c.orderId, reason: outcome.rejectionReason }),
      at: new Date(outcome.decidedAt),
    })
  }
  if (batch.batchId) {
    const held = ledger.heldBack.map((h) => ({
      partnerId: h.partnerId,
      reason: h.reason,
      amountMinor: h.amount.amountMinor,
    }))
    rows.push({
      actor_type: 'user',
      actor_id: partners.ownerUserId,
      action: 'payout_batch.created',
      entity_type: 'payout_batch',
      entity_id: batch.batchId,
      data: json({ currency: CURRENCY, totalMinor: batch.total, payouts: batch.payouts, heldBack: held }),
      at: new Date(ledger.payoutAt),
    })
    rows.push({
      actor_type: 'user',
      actor_id: partners.ownerUserId,
      action: 'payout_batch.paid',
      entity_type: 'payout_batch',
      entity_id: batch.batchId,
      data: json({ currency: CURRENCY, totalMinor: batch.total, payouts: batch.payouts }),
      at: new Date(ledger.payoutAt + DAY_MS),
    })
  }
  rows.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime())
  rows.push({
    actor_type: 'system',
    actor_id: null,
    action: 'seed.demo',
    entity_type: 'seed',
    entity_id: null,
    data: json({ now: ctx.now.toISOString(), scale: ctx.scale }),
    at: ctx.now,
  })
  return rows
}
