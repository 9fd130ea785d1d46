import {
  type HeldBack,
  type LedgerRow,
  type PayoutFee,
  type PayoutLine,
  type PayoutPartner,
  type PayoutPlan,
  planPayouts,
} from '@tandem/core'
import {
  insertAuditRow,
  insertPayoutBatch,
  lockPayableRows,
  lockPayout,
  lockProgram,
  type PayoutPartnerFacts,
  payoutPartnerFacts,
  pendingPayoutIds,
  releasePayoutItems,
  setPayoutStatus,
  settleBatchIfDone,
} from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext, type Trx } from '../context.ts'
import { IllegalTransitionError, NotFoundError, parseInput } from '../errors.ts'
import { plainText, requiredText, uuid } from '../shared/fields.ts'
import { payoutDetailsComplete } from './payout-details.ts'

export interface PlannedPayouts {
  programId: string
  currency: string
  plan: PayoutPlan
  partners: Map<string, PayoutPartnerFacts>
}

/**
 * What a batch would pay now: core plans it from the program's approved, unpaid rows, with every
 * partner left out and why (below threshold, missing details, flagged, held, negative balance).
 * Runs inside the caller's transaction; the rows stay locked until it ends.
 */
async function planInTransaction(trx: Trx, programId: string): Promise<PlannedPayouts> {
  const program = await lockProgram(trx, programId)
  if (!program) throw new NotFoundError('program', programId)
  const rows = await lockPayableRows(trx, programId)
  const partnerIds = [...new Set(rows.map((r) => r.partnerId))]
  const facts = await payoutPartnerFacts(trx, programId, partnerIds)
  const partners = new Map(facts.map((p) => [p.id, p]))
  const ledger: LedgerRow[] = rows.map((r) => ({
    id: r.id,
    partnerId: r.partnerId,
    conversionId: r.conversionId,
    kind: r.kind as LedgerRow['kind'],
    ruleId: r.ruleId,
    level: r.level,
    amount: { amountMinor: r.amountMinor, currency: r.currency },
    status: 'approved',
    payoutId: null,
    reversesRowId: r.reversesId,
  }))
  const plan = planPayouts({
    rows: ledger,
    partners: Object.fromEntries(facts.map((p) => [p.id, payoutPartner(p)])),
    thresholds: [
      {
        currency: program.currency,
        minimum: { amountMinor: program.payout_threshold_minor, currency: program.currency },
      },
    ],
    fees: program.payout_fees as unknown as PayoutFee[],
    rounding: program.rounding_mode,
  })
  return { programId, currency: program.currency, plan, partners }
}

/** core's view of a partner for payouts: status in the program, holds, method and whether it is complete. */
function payoutPartner(p: PayoutPartnerFacts): PayoutPartner {
  const status =
    p.status !== 'active' ? p.status : p.enrollmentStatus === 'suspended' ? 'suspended' : 'active'
  return {
    status,
    flagged: p.flagged,
    holdReason: p.holdReason,
    payoutMethod: p.payoutMethod
      ? { type: p.payoutMethod, detailsComplete: payoutDetailsComplete(p.payoutMethod, p.payoutDetails) }
      : null,
  }
}

/** The plan a manager sees before creating a batch (nothing is written). */
export async function previewPayouts(
  ctx: ServiceContext,
  raw: { programId: string },
): Promise<PlannedPayouts> {
  const input = parseInput(z.strictObject({ programId: uuid }), raw)
  return ctx.db.transaction().execute((trx) => planInTransaction(trx, input.programId))
}

export interface CreatedBatch {
  batchId: string | null
  lines: PayoutLine[]
  heldBack: HeldBack[]
}

/**
 * Creates a payout batch from core's plan, in one transaction: a payout per line, each ledger
 * row in exactly one payout (unique), an audit row. Nothing payable: no batch (batchId null).
 */
export async function createPayoutBatch(
  ctx: ServiceContext,
  raw: { programId: string },
): Promise<CreatedBatch> {
  const input = parseInput(z.strictObject({ programId: uuid }), raw)
  return ctx.db.transaction().execute(async (trx) => {
    const { plan, currency } = await planInTransaction(trx, input.programId)
    const lines = plan.lines.filter((l) => l.amount.currency === currency)
    if (lines.length === 0) return { batchId: null, lines: [], heldBack: [...plan.heldBack] }
    const amounts = await rowAmounts(trx, input.programId)
    const { batchId, payoutIds } = await insertPayoutBatch(trx, {
      programId: input.programId,
      currency,
      totalMinor: lines.reduce((sum, l) => sum + l.amount.amountMinor, 0),
      createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      now: ctx.now(),
      payouts: lines.map((l) => ({
        partnerId: l.partnerId,
        amountMinor: l.amount.amountMinor,
        feeMinor: l.fee.amountMinor,
        method: l.method,
        items: l.rowIds.map((id) => ({ commissionId: id, amountMinor: amounts.get(id) ?? 0 })),
      })),
    })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'payout_batch.created',
      entityType: 'payout_batch',
      entityId: batchId,
      data: {
        program_id: input.programId,
        currency,
        payouts: payoutIds.length,
        total_minor: lines.reduce((sum, l) => sum + l.amount.amountMinor, 0),
        held_back: plan.heldBack.map((h) => ({ partner_id: h.partnerId, reason: h.reason })),
      },
    })
    return { batchId, lines, heldBack: [...plan.heldBack] }
  })
}

async function rowAmounts(trx: Trx, programId: string): Promise<Map<string, number>> {
  const rows = await lockPayableRows(trx, programId)
  return new Map(rows.map((r) => [r.id, r.amountMinor]))
}

export const markPayoutInput = z.discriminatedUnion('status', [
  z.strictObject({ payoutId: uuid, status: z.literal('paid'), reference: plainText(200).optional() }),
  z.strictObject({ payoutId: uuid, status: z.literal('failed'), reason: requiredText(500) }),
])

/**
 * Records what the bank or PayPal said of one payout. Paid: final (a payout is paid once).
 * Failed: its rows are released and carry over to the next batch. The batch closes once no payout
 * is pending.
 */
export async function markPayout(
  ctx: ServiceContext,
  raw: z.input<typeof markPayoutInput>,
): Promise<{ changed: boolean; batchStatus: string | null }> {
  const input = parseInput(markPayoutInput, raw)
  return ctx.db.transaction().execute(async (trx) => {
    const payout = await lockPayout(trx, input.payoutId)
    if (!payout) throw new NotFoundError('payout', input.payoutId)
    if (payout.status === input.status) return { changed: false, batchStatus: null }
    if (payout.status !== 'pending') {
      throw new IllegalTransitionError(
        `The payout is ${payout.status} already and cannot become ${input.status}`,
      )
    }
    const now = ctx.now()
    let released: string[] = []
    if (input.status === 'paid') {
      await setPayoutStatus(trx, payout.id, {
        status: 'paid',
        reference: input.reference ?? null,
        paidAt: now,
      })
    } else {
      await setPayoutStatus(trx, payout.id, { status: 'failed', reference: null, paidAt: null })
      released = await releasePayoutItems(trx, payout.id)
    }
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: `payout.${input.status}`,
      entityType: 'payout',
      entityId: payout.id,
      data: {
        batch_id: payout.batch_id,
        partner_id: payout.partner_id,
        amount_minor: payout.amount_minor,
        currency: payout.currency,
        ...(input.status === 'paid'
          ? { reference: input.reference ?? null }
          : { reason: input.reason, released_rows: released }),
      },
    })
    const batchStatus = await settleBatchIfDone(trx, payout.batch_id, now)
    return { changed: true, batchStatus }
  })
}

/** Marks every pending payout of a batch paid (one bank file paid them all). */
export async function markBatchPaid(
  ctx: ServiceContext,
  raw: { batchId: string; reference?: string },
): Promise<{ paid: number }> {
  const input = parseInput(z.strictObject({ batchId: uuid, reference: plainText(200).optional() }), raw)
  const pending = await pendingPayoutIds(ctx.db, input.batchId)
  if (pending.length === 0)
    throw new IllegalTransitionError('No payout of this batch is pending: it was settled already')
  let paid = 0
  for (const payoutId of pending) {
    const result = await markPayout(ctx, {
      payoutId,
      status: 'paid',
      ...(input.reference ? { reference: input.reference } : {}),
    })
    if (result.changed) paid++
  }
  return { paid }
}
