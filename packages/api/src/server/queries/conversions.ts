import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { conversionsListInput, conversionsListOutput } from '../schemas/admin.ts'
import { commissionTotalsByConversion, conversionsBefore } from './conversion-list.ts'
import { cursorInstant, decodeCursor, paginate, timeIdCursor } from './cursor.ts'
import { endOfDay, startOfDay } from './days.ts'

type Params = z.output<typeof conversionsListInput>
type Page = z.output<typeof conversionsListOutput>

/** Conversions that occurred in a range, newest first, with their commission totals. */
export async function listConversions(stores: Stores, p: Params): Promise<Page> {
  const after = decodeCursor(p.cursor, timeIdCursor)
  const rows = await stores.db
    .selectFrom('conversions as c')
    .innerJoin('programs as g', 'g.id', 'c.program_id')
    .leftJoin('partners as pa', 'pa.id', 'c.partner_id')
    .select([
      'c.id',
      'c.program_id',
      'g.name as program_name',
      'c.event',
      'c.order_id',
      'c.partner_id',
      'pa.name as partner_name',
      'c.status',
      'c.amount_minor',
      'c.refunded_minor',
      'c.currency',
      'c.source',
      'c.coupon_code',
      'c.fraud_flags',
      'c.occurred_at',
      'c.hold_until',
      cursorInstant('c.occurred_at').as('cursor_at'),
    ])
    .where('c.occurred_at', '>=', startOfDay(p.from))
    .where('c.occurred_at', '<', endOfDay(p.to))
    .$if(p.programId !== undefined, (q) => q.where('c.program_id', '=', p.programId!))
    .$if(p.status !== undefined, (q) => q.where('c.status', '=', p.status!))
    .$if(after !== null, (q) => q.where(conversionsBefore(after!)))
    .orderBy('c.occurred_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(p.limit + 1)
    .execute()

  const commissionsOf = await commissionTotalsByConversion(
    stores,
    rows.slice(0, p.limit).map((r) => r.id),
  )

  return paginate(
    rows,
    p.limit,
    (r) => [r.cursor_at, r.id],
    (r) => ({
      id: r.id,
      programId: r.program_id,
      programName: r.program_name,
      event: r.event,
      orderId: r.order_id,
      partnerId: r.partner_id,
      partnerName: r.partner_name,
      status: r.status,
      amount: { amountMinor: r.amount_minor, currency: r.currency.trim() },
      refunded: { amountMinor: r.refunded_minor, currency: r.currency.trim() },
      commissions: commissionsOf(r.id),
      source: r.source,
      couponCode: r.coupon_code,
      fraudFlags: Array.isArray(r.fraud_flags) ? r.fraud_flags : [],
      occurredAt: r.occurred_at.toISOString(),
      holdUntil: r.hold_until?.toISOString() ?? null,
    }),
  )
}
