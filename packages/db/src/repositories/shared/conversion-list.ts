import type { Money } from '@tandem/core'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../../postgres/schema.ts'
import type { KeysetKey } from './keyset-page.ts'
import { moneyList } from './money-totals.ts'

/**
 * Pieces both conversion lists (the admin's and a partner's own) share: the keyset condition of
 * "newest first" paging and the commission totals shown next to each conversion.
 */

/** Conversions (aliased `c`) sorted after the key [occurred_at as ISO text, id], newest first. */
export function conversionsBefore(after: KeysetKey): RawBuilder<boolean> {
  return sql<boolean>`(c.occurred_at, c.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
}

/**
 * Each conversion's commissions summed per currency, rejected ones left out; with `partnerId`,
 * only that partner's commission rows. Conversions without commissions get an empty list.
 */
export async function commissionTotalsByConversion(
  db: Kysely<Database>,
  conversionIds: readonly string[],
  partnerId?: string,
): Promise<(conversionId: string) => Money[]> {
  const rows = conversionIds.length
    ? await db
        .selectFrom('commissions')
        .select(['conversion_id', 'currency', sql<number>`sum(amount_minor)::bigint`.as('amount')])
        .$if(partnerId !== undefined, (q) => q.where('partner_id', '=', partnerId!))
        .where('conversion_id', 'in', conversionIds)
        .where('status', '<>', 'rejected')
        .groupBy(['conversion_id', 'currency'])
        .execute()
    : []
  const byConversion = new Map<string, { currency: string; amountMinor: number }[]>()
  for (const r of rows) {
    if (r.conversion_id === null) continue
    const list = byConversion.get(r.conversion_id) ?? []
    list.push({ currency: r.currency, amountMinor: r.amount })
    byConversion.set(r.conversion_id, list)
  }
  return (conversionId) => moneyList(byConversion.get(conversionId) ?? [])
}
