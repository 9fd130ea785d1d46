import { type Kysely, sql } from 'kysely'
import type { ConversionStatus, Database } from '../postgres/schema.ts'

/** The tables a data load (the demo seed, an import) fills, whose rows `storeTotals` counts. */
export const COUNTED_TABLES = [
  'programs',
  'partner_groups',
  'partners',
  'users',
  'program_enrollments',
  'commission_rules',
  'links',
  'coupons',
  'customers',
  'conversions',
  'commissions',
  'referral_rewards',
  'payout_batches',
  'payouts',
  'payout_items',
  'audit_log',
] as const satisfies readonly (keyof Database)[]

export type CountedTable = (typeof COUNTED_TABLES)[number]

export interface StoreTotals {
  programIds: string[]
  rows: Record<CountedTable, number>
  conversionsByStatus: Record<ConversionStatus, number>
  /** Per currency: amount − refunded of conversions that are not rejected. */
  revenueMinor: Record<string, number>
  /** Per currency: ledger rows that are not rejected (reversals and clawbacks included). */
  commissionMinor: Record<string, number>
  /** Per currency: paid payouts. */
  paidMinor: Record<string, number>
}

const STATUSES: readonly ConversionStatus[] = ['pending', 'approved', 'rejected', 'reversed']

/** How much the Postgres store holds: rows per table, conversions per status, money totals. */
export async function storeTotals(db: Kysely<Database>): Promise<StoreTotals> {
  const rows = {} as Record<CountedTable, number>
  for (const table of COUNTED_TABLES) {
    // Table names come from the constant list above, never from input.
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)
    rows[table] = Number(r.rows[0]?.n ?? 0)
  }
  const programIds = (await db.selectFrom('programs').select('id').orderBy('id').execute()).map((p) => p.id)
  const conversionsByStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<
    ConversionStatus,
    number
  >
  const byStatus = await db
    .selectFrom('conversions')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute()
  for (const r of byStatus) conversionsByStatus[r.status] = Number(r.n)
  const perCurrency = (list: { currency: string; total: string | number | null }[]) =>
    Object.fromEntries(list.map((r) => [r.currency.trim(), Number(r.total ?? 0)]))
  const revenue = await db
    .selectFrom('conversions')
    .select(['currency', sql<string>`sum(amount_minor - refunded_minor)`.as('total')])
    .where('status', '<>', 'rejected')
    .groupBy('currency')
    .execute()
  const commission = await db
    .selectFrom('commissions')
    .select(['currency', sql<string>`sum(amount_minor)`.as('total')])
    .where('status', '<>', 'rejected')
    .groupBy('currency')
    .execute()
  const paid = await db
    .selectFrom('payouts')
    .select(['currency', sql<string>`sum(amount_minor)`.as('total')])
    .where('status', '=', 'paid')
    .groupBy('currency')
    .execute()
  return {
    programIds,
    rows,
    conversionsByStatus,
    revenueMinor: perCurrency(revenue),
    commissionMinor: perCurrency(commission),
    paidMinor: perCurrency(paid),
  }
}
