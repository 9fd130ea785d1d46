import { moneyToDecimal } from '@tandem/core'
import { listPartnerEarnings, type PartnerEarningItem } from '@tandem/db'
import type { z } from 'zod'
import { decodeCursor, timeIdCursor, withNextCursor } from '../../page-cursor.ts'
import { describeFlags, partnerSafe } from '../../partner-text/partner-safe.ts'
import { partnerProcedure } from '../../procedures.ts'
import {
  type earningSchema,
  earningsCsvInput,
  earningsCsvOutput,
  earningsListInput,
  earningsListOutput,
} from '../../schemas/partner-earnings.ts'
import { router } from '../../trpc.ts'

type Earning = z.infer<typeof earningSchema>

/** Rows one CSV export holds at most (a partner with more narrows the dates). */
export const CSV_MAX_ROWS = 10_000

function shape(item: PartnerEarningItem, partnerId: string): Earning {
  const state: Earning['why']['state'] =
    item.status === 'pending'
      ? item.needsReview
        ? 'in_review'
        : 'on_hold'
      : item.status === 'approved'
        ? item.refunded.amountMinor > 0
          ? 'partly_refunded'
          : 'approved'
        : item.status
  const reason =
    item.status === 'rejected'
      ? (item.decisionReason ??
        (item.fraudFlags.length > 0 ? `Flagged: ${describeFlags(item.fraudFlags).join('; ')}` : null))
      : item.status === 'reversed'
        ? (item.decisionReason ?? (item.refunds.length > 0 ? 'The order was refunded in full' : null))
        : null
  return {
    id: item.id,
    programId: item.programId,
    programName: item.programName,
    event: item.event,
    orderId: item.orderId,
    status: item.status,
    amount: item.amount,
    refunded: item.refunded,
    occurredAt: item.occurredAt,
    commission: item.commission,
    why: {
      state,
      holdUntil: item.holdUntil,
      holdDays: item.holdDays,
      decidedAt: item.decidedAt,
      reason: reason ? partnerSafe(reason, partnerId) : null,
    },
    attribution: item.attributionExplanation ? partnerSafe(item.attributionExplanation, partnerId) : null,
    lines: item.lines.map((l) => ({
      kind: l.kind,
      level: l.level,
      amount: l.amount,
      status: l.status,
      explanation: partnerSafe(l.explanation, partnerId),
      at: l.createdAt,
    })),
    refunds: item.refunds,
  }
}

const CSV_HEADER = [
  'occurred_at_utc',
  'program',
  'order_id',
  'event',
  'status',
  'sale_amount',
  'refunded',
  'commission',
  'currency',
  'hold_until_utc',
  'reason',
]

/** One CSV field: quoted when needed, and a leading = + - @ neutralised (spreadsheet formulas). */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export const earningsRouter = router({
  /** The partner's conversions with each commission's status and why, filtered, newest first. */
  list: partnerProcedure
    .input(earningsListInput)
    .output(earningsListOutput)
    .query(async ({ ctx, input }) => {
      const page = await listPartnerEarnings(ctx.stores.db, {
        partnerId: ctx.partnerId,
        programId: input.programId,
        status: input.status,
        from: input.from,
        to: input.to,
        limit: input.limit,
        after: decodeCursor(input.cursor, timeIdCursor),
      })
      return withNextCursor({ ...page, items: page.items.map((i) => shape(i, ctx.partnerId)) })
    }),

  /** The same list as CSV (UTC times, amounts as decimals of the currency). */
  csv: partnerProcedure
    .input(earningsCsvInput)
    .output(earningsCsvOutput)
    .query(async ({ ctx, input }) => {
      const lines = [CSV_HEADER.join(',')]
      let after = null as Parameters<typeof listPartnerEarnings>[1]['after']
      let rows = 0
      do {
        const page = await listPartnerEarnings(ctx.stores.db, {
          partnerId: ctx.partnerId,
          ...input,
          limit: 500,
          after,
        })
        for (const item of page.items) {
          const e = shape(item, ctx.partnerId)
          for (const money of e.commission.length > 0
            ? e.commission
            : [{ amountMinor: 0, currency: e.amount.currency }]) {
            lines.push(
              [
                e.occurredAt,
                e.programName,
                e.orderId,
                e.event,
                e.status,
                moneyToDecimal(e.amount),
                moneyToDecimal(e.refunded),
                moneyToDecimal(money),
                money.currency,
                e.why.holdUntil ?? '',
                e.why.reason ?? '',
              ]
                .map(csvField)
                .join(','),
            )
          }
          rows++
        }
        after = page.nextKey
      } while (after !== null && rows < CSV_MAX_ROWS)
      const stamp = ctx.auth.now().toISOString().slice(0, 10)
      return { filename: `earnings-${stamp}.csv`, csv: `${lines.join('\r\n')}\r\n`, rows }
    }),
})
