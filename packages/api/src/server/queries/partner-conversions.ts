import type { Stores } from '@tandem/db'
import { sql } from 'kysely'
import type { z } from 'zod'
import type { partnerConversionsInput, partnerConversionsOutput } from '../schemas/partner.ts'
import { cursorInstant, decodeCursor, paginate, timeIdCursor } from './cursor.ts'
import { moneyList } from './money-rows.ts'
import { ownConversion } from './partner-scope.ts'

type Params = z.output<typeof partnerConversionsInput> & { partnerId: string }

/** The partner's own conversions, newest first, with only its own commission rows summed. */
export async function listPartnerConversions(
  stores: Stores,
  p: Params,
): Promise<z.output<typeof partnerConversionsOutput>> {
  const after = decodeCursor(p.cursor, timeIdCursor)
  const rows = await stores.db
    .selectFrom('conversions as c')
    .innerJoin('programs as g', 'g.id', 'c.program_id')
    .select([
      'c.id',
      'c.program_id',
      'g.name as program_name',
      'c.event',
      'c.order_id',
      'c.status',
      'c.amount_minor',
      'c.currency',
      'c.occurred_at',
      cursorInstant('c.occurred_at').as('cursor_at'),
    ])
    .where(ownConversion(p.partnerId))
    .$if(after !== null, (q) =>
      q.where(sql<boolean>`(c.occurred_at, c.id) < (${after![0]}::timestamptz, ${after![1]}::uuid)`),
    )
    .orderBy('c.occurred_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(p.limit + 1)
    .execute()

  const ids = rows.slice(0, p.limit).map((r) => r.id)
  const commissionRows = ids.length
    ? await stores.db
        .selectFrom('commissions')
        .select(['conversion_id', 'currency', sql<number>`sum(amount_minor)::bigint`.as('amount')])
        .where('partner_id', '=', p.partnerId)
        .where('conversion_id', 'in', ids)
        .where('status', '<>', 'rejected')
        .groupBy(['conversion_id', 'currency'])
        .execute()
    : []
  const byConversion = new Map<string, { currency: string; amountMinor: number }[]>()
  for (const r of commissionRows) {
    if (r.conversion_id === null) continue
    const list = byConversion.get(r.conversion_id) ?? []
    list.push({ currency: r.currency, amountMinor: r.amount })
    byConversion.set(r.conversion_id, list)
  }

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
      status: r.status,
      amount: { amountMinor: r.amount_minor, currency: r.currency.trim() },
      commission: moneyList(byConversion.get(r.id) ?? []),
      occurredAt: r.occurred_at.toISOString(),
    }),
  )
}
