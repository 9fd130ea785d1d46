import type { Money } from '@tandem/core'
import { type Kysely, sql } from 'kysely'
import type { ConversionStatus, Database } from '../postgres/schema.ts'
import { commissionTotalsByConversion, conversionsBefore } from './shared/conversion-list.ts'
import { cursorInstant, type KeysetKey, type KeysetPage, keysetPage } from './shared/keyset-page.ts'
import { endOfDay, startOfDay } from './shared/utc-days.ts'

export interface ConversionListParams {
  /** First and last UTC day ('YYYY-MM-DD') the conversions occurred in, both included. */
  from: string
  to: string
  programId?: string | undefined
  status?: ConversionStatus | undefined
  /** The partner with the largest share. */
  partnerId?: string | undefined
  /** Only conversions with fraud flags (true) or without (false). */
  flagged?: boolean | undefined
  /** The merchant's order id starts with this (case-insensitive, taken literally). */
  orderId?: string | undefined
  limit: number
  /** [occurred_at ISO, id] of the previous page's last conversion (its nextKey). */
  after: KeysetKey | null
}

export interface ConversionListItem {
  id: string
  programId: string
  programName: string
  event: string
  orderId: string
  partnerId: string | null
  partnerName: string | null
  status: ConversionStatus
  amount: Money
  refunded: Money
  /** Sum of the conversion's ledger rows (all levels, rejected excluded), per currency. */
  commissions: Money[]
  source: 'postback' | 'api' | 'snippet' | 'admin' | 'seed'
  couponCode: string | null
  fraudFlags: { code: string; reason: string }[]
  /** ISO instants. */
  occurredAt: string
  holdUntil: string | null
}

/** Conversions that occurred in a range, newest first, with their commission totals (the admin's list). */
export async function listConversions(
  db: Kysely<Database>,
  p: ConversionListParams,
): Promise<KeysetPage<ConversionListItem>> {
  const after = p.after
  const rows = await db
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
    .$if(p.partnerId !== undefined, (q) => q.where('c.partner_id', '=', p.partnerId!))
    .$if(p.flagged !== undefined, (q) =>
      q.where(
        sql<boolean>`(case when jsonb_typeof(c.fraud_flags) = 'array' then jsonb_array_length(c.fraud_flags) else 0 end > 0) = ${p.flagged!}`,
      ),
    )
    .$if(p.orderId !== undefined && p.orderId !== '', (q) =>
      q.where(sql<boolean>`lower(c.order_id) like ${`${escapeLike(p.orderId!.toLowerCase())}%`} escape '\\'`),
    )
    .$if(after !== null, (q) => q.where(conversionsBefore(after!)))
    .orderBy('c.occurred_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(p.limit + 1)
    .execute()

  const commissionsOf = await commissionTotalsByConversion(
    db,
    rows.slice(0, p.limit).map((r) => r.id),
  )

  return keysetPage(
    rows,
    p.limit,
    (r) => [r.cursor_at, r.id],
    (r): ConversionListItem => ({
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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
