import { clickTouches, findAdminConversionDetail, listConversions } from '@tandem/db'
import { DomainError, refundConversion, reviewConversion } from '@tandem/services'
import { notFound } from '../../errors.ts'
import { decodeCursor, timeIdCursor, withNextCursor } from '../../page-cursor.ts'
import { adminProcedure, managerProcedure } from '../../procedures.ts'
import { conversionsListInput, conversionsListOutput } from '../../schemas/admin.ts'
import {
  bulkReviewInput,
  bulkReviewOutput,
  conversionDetailOutput,
  conversionIdInput,
  refundConversionInput,
  reviewConversionInput,
  reviewOutput,
} from '../../schemas/admin-conversions.ts'
import { adminServiceContext } from '../../service-context.ts'
import { router } from '../../trpc.ts'

const iso = (d: Date) => d.toISOString()
const str = (v: unknown) => (typeof v === 'string' ? v : '')

function outcomeOf(o: Awaited<ReturnType<typeof reviewConversion>>) {
  return {
    result: o.result,
    status: o.conversion.status,
    written: o.written.map((w) => ({
      partnerId: w.partnerId,
      kind: w.kind,
      amount: { amountMinor: w.amountMinor, currency: w.currency },
      explanation: w.explanation,
    })),
  }
}

export const conversionsRouter = router({
  /** The list and review queue: program, partner, status, flagged, order id, days. */
  list: adminProcedure
    .input(conversionsListInput)
    .output(conversionsListOutput)
    .query(async ({ ctx, input }) =>
      withNextCursor(
        await listConversions(ctx.stores.db, { ...input, after: decodeCursor(input.cursor, timeIdCursor) }),
      ),
    ),

  /** One conversion: attribution and commission explanations, touches, flags, refunds, ledger rows, audit. */
  get: adminProcedure
    .input(conversionIdInput)
    .output(conversionDetailOutput)
    .query(async ({ ctx, input }) => {
      const c = await findAdminConversionDetail(ctx.stores.db, input.conversionId)
      if (!c) throw notFound('Conversion not found')
      const a = c.attribution
      const clickIds = Array.isArray(a.clickIds)
        ? a.clickIds.filter((x): x is string => typeof x === 'string')
        : []
      const touches = await clickTouches(ctx.stores.ch, c.programId, clickIds)
      const money = (amountMinor: number) => ({ amountMinor, currency: c.currency })
      return {
        ...c,
        amount: money(c.amountMinor),
        tax: money(c.taxMinor),
        shipping: money(c.shippingMinor),
        refunded: money(c.refundedMinor),
        attribution: {
          source: str(a.source) || 'none',
          explanation: str(a.explanation),
          needsReview: a.needsReview === true,
          fraudScore: typeof a.fraudScore === 'number' ? a.fraudScore : null,
          shares: Array.isArray(a.shares)
            ? (a.shares as Record<string, unknown>[]).map((s) => ({
                partnerId: str(s.partnerId),
                weightPpm: Number(s.weightPpm ?? 0),
                reason: str(s.reason),
              }))
            : [],
        },
        touches,
        occurredAt: iso(c.occurredAt),
        holdUntil: c.holdUntil ? iso(c.holdUntil) : null,
        decidedAt: c.decidedAt ? iso(c.decidedAt) : null,
        refunds: c.refunds.map((r) => ({
          refundId: r.refundId,
          amount: money(r.amountMinor),
          source: r.source,
          createdAt: iso(r.createdAt),
        })),
        ledger: c.ledger.map((m) => ({
          ...m,
          amount: { amountMinor: m.amountMinor, currency: m.currency },
          createdAt: iso(m.createdAt),
        })),
        audit: c.audit.map((x) => ({ ...x, at: iso(x.at) })),
      }
    }),

  /** Approve or reject one conversion, with a reason. */
  review: managerProcedure
    .input(reviewConversionInput)
    .output(reviewOutput)
    .mutation(async ({ ctx, input }) =>
      outcomeOf(await reviewConversion(adminServiceContext(ctx, ctx.user.id), input)),
    ),

  /** Approve or reject many; each conversion succeeds or fails on its own (the answer says which). */
  bulkReview: managerProcedure
    .input(bulkReviewInput)
    .output(bulkReviewOutput)
    .mutation(async ({ ctx, input }) => {
      const service = adminServiceContext(ctx, ctx.user.id)
      const results = []
      for (const conversionId of new Set(input.conversionIds)) {
        try {
          const o = await reviewConversion(service, {
            conversionId,
            status: input.status,
            ...(input.reason ? { reason: input.reason } : {}),
          })
          results.push({ conversionId, ok: true, status: o.conversion.status, message: null })
        } catch (error) {
          if (!(error instanceof DomainError)) throw error
          results.push({ conversionId, ok: false, status: null, message: error.message })
        }
      }
      return { results }
    }),

  /** A refund recorded by hand, full (no amount) or partial. */
  refund: managerProcedure
    .input(refundConversionInput)
    .output(reviewOutput)
    .mutation(async ({ ctx, input }) =>
      outcomeOf(await refundConversion(adminServiceContext(ctx, ctx.user.id), input)),
    ),
})
