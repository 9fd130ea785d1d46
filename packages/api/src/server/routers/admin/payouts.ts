import { findPayoutBatch, listPayoutBatches, partnerNamesByIds } from '@tandem/db'
import {
  createPayoutBatch,
  exportPayoutBatch,
  markBatchPaid,
  markPayout,
  previewPayouts,
} from '@tandem/services'
import { notFound } from '../../errors.ts'
import { adminProcedure, managerProcedure } from '../../procedures.ts'
import {
  batchesInput,
  batchesOutput,
  batchIdInput,
  batchOutput,
  createBatchOutput,
  exportOutput,
  exportPayoutBatchInput,
  markBatchPaidInput,
  markBatchPaidOutput,
  markPayoutInput,
  markPayoutOutput,
  previewInput,
  previewOutput,
} from '../../schemas/admin-payouts.ts'
import { adminServiceContext } from '../../service-context.ts'
import { router } from '../../trpc.ts'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function mask(method: string, details: Record<string, unknown> | null): string | null {
  if (!details) return null
  const iban = typeof details.iban === 'string' ? details.iban.replace(/\s+/g, '') : ''
  if (method === 'bank_transfer' && iban) return `${iban.slice(0, 4)} …${iban.slice(-4)}`
  const email = typeof details.email === 'string' ? details.email : ''
  if (email) return `${email.slice(0, 1)}…@${email.split('@')[1] ?? ''}`
  return null
}

function summary(b: Awaited<ReturnType<typeof listPayoutBatches>>[number]) {
  return {
    id: b.id,
    programId: b.programId,
    programName: b.programName,
    status: b.status,
    total: { amountMinor: b.totalMinor, currency: b.currency },
    payouts: b.payouts,
    paid: b.paid,
    failed: b.failed,
    createdAt: b.createdAt.toISOString(),
    createdByName: b.createdByName,
    paidAt: iso(b.paidAt),
  }
}

export const payoutsRouter = router({
  /** What a batch would pay now, and every partner held back with core's reason. Nothing is written. */
  preview: adminProcedure
    .input(previewInput)
    .output(previewOutput)
    .query(async ({ ctx, input }) => {
      const planned = await previewPayouts(adminServiceContext(ctx, ctx.user.id), input)
      const ids = [
        ...planned.plan.lines.map((l) => l.partnerId),
        ...planned.plan.heldBack.map((h) => h.partnerId),
      ]
      const names = await partnerNamesByIds(ctx.stores.db, [...new Set(ids)])
      const name = (id: string) => names.get(id) ?? id
      return {
        programId: planned.programId,
        currency: planned.currency,
        lines: planned.plan.lines.map((l) => ({
          partnerId: l.partnerId,
          partnerName: name(l.partnerId),
          method: l.method,
          amount: l.amount,
          fee: l.fee,
          net: l.net,
          rows: l.rowIds.length,
          explanation: l.explanation,
        })),
        heldBack: planned.plan.heldBack.map((h) => ({
          partnerId: h.partnerId,
          partnerName: name(h.partnerId),
          amount: h.amount,
          reason: h.reason,
          explanation: h.explanation,
          rows: h.rowIds.length,
        })),
        totals: [...planned.plan.totals],
      }
    }),

  /** Creates a batch from the plan: each payable ledger row in exactly one payout. */
  createBatch: managerProcedure
    .input(previewInput)
    .output(createBatchOutput)
    .mutation(async ({ ctx, input }) => {
      const created = await createPayoutBatch(adminServiceContext(ctx, ctx.user.id), input)
      return { batchId: created.batchId, payouts: created.lines.length, heldBack: created.heldBack.length }
    }),

  /** Payout history, newest first. */
  batches: adminProcedure
    .input(batchesInput)
    .output(batchesOutput)
    .query(async ({ ctx, input }) =>
      (await listPayoutBatches(ctx.stores.db, { programId: input.programId, limit: 100 })).map(summary),
    ),

  batch: adminProcedure
    .input(batchIdInput)
    .output(batchOutput)
    .query(async ({ ctx, input }) => {
      const b = await findPayoutBatch(ctx.stores.db, input.batchId)
      if (!b) throw notFound('Payout batch not found')
      return {
        ...summary(b),
        lines: b.lines.map((l) => ({
          id: l.id,
          partnerId: l.partnerId,
          partnerName: l.partnerName,
          partnerEmail: l.partnerEmail,
          amount: { amountMinor: l.amountMinor, currency: l.currency },
          fee: { amountMinor: l.feeMinor, currency: l.currency },
          method: l.method,
          status: l.status,
          reference: l.reference,
          paidAt: iso(l.paidAt),
          account: mask(l.method, l.detailsMethod === l.method ? l.details : null),
          rows: l.items,
        })),
      }
    }),

  /** The batch as CSV, a PayPal Payouts file or a SEPA pain.001.001.03 file (manager: it holds account numbers). */
  export: managerProcedure
    .input(exportPayoutBatchInput)
    .output(exportOutput)
    .mutation(({ ctx, input }) => exportPayoutBatch(adminServiceContext(ctx, ctx.user.id), input)),

  /** What the bank or PayPal said of one payout: paid (final) or failed (its rows carry over). */
  markPayout: managerProcedure
    .input(markPayoutInput)
    .output(markPayoutOutput)
    .mutation(({ ctx, input }) => markPayout(adminServiceContext(ctx, ctx.user.id), input)),

  markBatchPaid: managerProcedure
    .input(markBatchPaidInput)
    .output(markBatchPaidOutput)
    .mutation(({ ctx, input }) => markBatchPaid(adminServiceContext(ctx, ctx.user.id), input)),
})
