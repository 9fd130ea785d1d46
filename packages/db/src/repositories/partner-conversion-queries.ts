import type { Money } from '@tandem/core'
import type { Kysely } from 'kysely'
import type { ConversionStatus, Database } from '../postgres/schema.ts'
import { commissionTotalsByConversion, conversionsBefore } from './shared/conversion-list.ts'
import { cursorInstant, type KeysetKey, type KeysetPage, keysetPage } from './shared/keyset-page.ts'
import { ownConversion } from './shared/own-conversion.ts'

export interface PartnerConversionListParams {
  /** The partner whose conversions these are (from the session). */
  partnerId: string
  limit: number
  /** [occurred_at ISO, id] of the previous page's last conversion (its nextKey). */
  after: KeysetKey | null
}

export interface PartnerConversionItem {
  id: string
  programId: string
  programName: string
  event: string
  orderId: string
  status: ConversionStatus
  amount: Money
  /** This partner's own ledger rows for the conversion (rejected excluded), per currency. */
  commission: Money[]
  /** ISO instant. */
  occurredAt: string
}

/** The partner's own conversions, newest first, with only its own commission rows summed. */
export async function listPartnerConversions(
  db: Kysely<Database>,
  p: PartnerConversionListParams,
): Promise<KeysetPage<PartnerConversionItem>> {
  const after = p.after
  const rows = await db
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
    .$if(after !== null, (q) => q.where(conversionsBefore(after!)))
    .orderBy('c.occurred_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(p.limit + 1)
    .execute()

  const commissionsOf = await commissionTotalsByConversion(
    db,
    rows.slice(0, p.limit).map((r) => r.id),
    p.partnerId,
  )

  return keysetPage(
    rows,
    p.limit,
    (r) => [r.cursor_at, r.id],
    (r): PartnerConversionItem => ({
      id: r.id,
      programId: r.program_id,
      programName: r.program_name,
      event: r.event,
      orderId: r.order_id,
      status: r.status,
      amount: { amountMinor: r.amount_minor, currency: r.currency.trim() },
      commission: commissionsOf(r.id),
      occurredAt: r.occurred_at.toISOString(),
    }),
  )
}
