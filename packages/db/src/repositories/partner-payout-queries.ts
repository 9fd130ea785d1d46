import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/**
 * A partner's payouts and balances (read models for the partner portal): every query filters by
 * the partner from the session.
 */

/** Balances per program and currency, all time: pending, approved not yet paid, paid. */
export async function partnerBalances(db: Kysely<Database>, partnerId: string) {
  const rows = await db
    .selectFrom('commissions as m')
    .innerJoin('programs as g', 'g.id', 'm.program_id')
    .select([
      'm.program_id',
      'g.name as program_name',
      'g.payout_threshold_minor',
      'g.payout_schedule',
      'g.currency as program_currency',
      'm.currency',
      sql<string>`case when exists (
          select 1 from payout_items pi join payouts po on po.id = pi.payout_id
           where pi.commission_id = m.id and po.status = 'paid') then 'paid'
        when exists (
          select 1 from payout_items pi join payouts po on po.id = pi.payout_id
           where pi.commission_id = m.id and po.status = 'pending') then 'in_payout'
        else m.status end`.as('bucket'),
      sql<number>`sum(m.amount_minor)::bigint`.as('amount'),
    ])
    .where('m.partner_id', '=', partnerId)
    .where('m.status', '<>', 'rejected')
    .groupBy([
      'm.program_id',
      'g.name',
      'g.payout_threshold_minor',
      'g.payout_schedule',
      'g.currency',
      'm.currency',
      sql`7`,
    ])
    .execute()
  return rows.map((r) => ({ ...r, currency: r.currency.trim(), program_currency: r.program_currency.trim() }))
}

export async function partnerPayoutFacts(db: Kysely<Database>, partnerId: string) {
  return db
    .selectFrom('partners as p')
    .leftJoin('partner_profiles as f', 'f.partner_id', 'p.id')
    .select([
      'p.name',
      'p.email',
      'p.payout_method',
      'p.payout_currency',
      'p.payout_hold_reason',
      'f.legal_name',
      'f.address',
      'f.tax',
    ])
    .where('p.id', '=', partnerId)
    .executeTakeFirst()
}

/** The partner's payouts, newest first. */
export async function listPartnerPayouts(db: Kysely<Database>, partnerId: string, limit: number) {
  const rows = await db
    .selectFrom('payouts as po')
    .innerJoin('payout_batches as b', 'b.id', 'po.batch_id')
    .leftJoin('programs as g', 'g.id', 'b.program_id')
    .select([
      'po.id',
      'po.amount_minor',
      'po.fee_minor',
      'po.currency',
      'po.method',
      'po.status',
      'po.reference',
      'po.created_at',
      'po.paid_at',
      'g.name as program_name',
      (eb) =>
        eb
          .selectFrom('payout_items as pi')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('pi.payout_id', '=', 'po.id')
          .as('lines'),
    ])
    .where('po.partner_id', '=', partnerId)
    .orderBy('po.created_at', 'desc')
    .orderBy('po.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...r, currency: r.currency.trim() }))
}

/** One of the partner's payouts with the ledger rows it covered, or undefined when not theirs. */
export async function findPartnerPayout(db: Kysely<Database>, partnerId: string, payoutId: string) {
  const payout = (await listPartnerPayoutsById(db, partnerId, payoutId))[0]
  if (!payout) return undefined
  const lines = await db
    .selectFrom('payout_items as pi')
    .innerJoin('commissions as m', 'm.id', 'pi.commission_id')
    .leftJoin('conversions as c', 'c.id', 'm.conversion_id')
    .select([
      'm.id',
      'm.kind',
      'm.level',
      'm.explanation',
      'm.created_at',
      'm.currency',
      'pi.amount_minor',
      'c.order_id',
      'c.event',
      'c.occurred_at',
    ])
    .where('pi.payout_id', '=', payoutId)
    .where('m.partner_id', '=', partnerId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute()
  return { ...payout, lines: lines.map((l) => ({ ...l, currency: l.currency.trim() })) }
}

async function listPartnerPayoutsById(db: Kysely<Database>, partnerId: string, payoutId: string) {
  const rows = await db
    .selectFrom('payouts as po')
    .innerJoin('payout_batches as b', 'b.id', 'po.batch_id')
    .leftJoin('programs as g', 'g.id', 'b.program_id')
    .select([
      'po.id',
      'po.amount_minor',
      'po.fee_minor',
      'po.currency',
      'po.method',
      'po.status',
      'po.reference',
      'po.created_at',
      'po.paid_at',
      'g.name as program_name',
    ])
    .where('po.partner_id', '=', partnerId)
    .where('po.id', '=', payoutId)
    .execute()
  return rows.map((r) => ({ ...r, currency: r.currency.trim() }))
}

/** The partner's ledger rows created in [start, end) with the order they belong to (monthly statements). */
export async function partnerLedgerBetween(db: Kysely<Database>, partnerId: string, start: Date, end: Date) {
  const rows = await db
    .selectFrom('commissions as m')
    .innerJoin('programs as g', 'g.id', 'm.program_id')
    .leftJoin('conversions as c', 'c.id', 'm.conversion_id')
    .select([
      'm.id',
      'm.kind',
      'm.status',
      'm.amount_minor',
      'm.currency',
      'm.explanation',
      'm.created_at',
      'g.name as program_name',
      'c.order_id',
    ])
    .where('m.partner_id', '=', partnerId)
    .where('m.created_at', '>=', start)
    .where('m.created_at', '<', end)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute()
  return rows.map((r) => ({ ...r, currency: r.currency.trim() }))
}
