import type { ClickHouseClient } from '@clickhouse/client'
import type { Money } from '@tandem/core'
import { type Kysely, sql } from 'kysely'
import { clicksByDay } from '../clickhouse/rollups.ts'
import type { Database } from '../postgres/schema.ts'
import { mostCommonCurrency } from './shared/main-currency.ts'
import { moneyList } from './shared/money-totals.ts'
import { ownConversion } from './shared/own-conversion.ts'
import { eachDay, endOfDay, startOfDay } from './shared/utc-days.ts'

export interface PartnerDashboardParams {
  /** The partner whose dashboard this is: every read filters by it. */
  partnerId: string
  /** First and last UTC day ('YYYY-MM-DD'), both included. */
  from: string
  to: string
}

export interface PartnerDashboardDay {
  day: string
  clicks: number
  conversions: number
  /** Earnings created that day, in the summary's currency only. */
  earningsMinor: number
}

export interface PartnerDashboardSummary {
  from: string
  to: string
  /** Human clicks (bots excluded) on the partner's links. */
  clicks: number
  uniqueClicks: number
  /** The partner's conversions in the range, rejected excluded. */
  conversions: number
  /** Today's balances per currency, whatever the range. */
  earnings: { pending: Money[]; approved: Money[]; paid: Money[] }
  /** Referral rewards earned as a referrer (store credit and cash), today's balances. */
  rewards: { pending: Money[]; earned: Money[]; referrals: number }
  /** Currency of byDay.earningsMinor (the partner's main earning currency); null when none. */
  currency: string | null
  /** Every day of the range, zero-filled. */
  byDay: PartnerDashboardDay[]
}

type Bucket = 'pending' | 'approved' | 'paid'

/** One partner's dashboard: every read is filtered by p.partnerId (from the session). */
export async function partnerDashboardSummary(
  db: Kysely<Database>,
  ch: ClickHouseClient,
  p: PartnerDashboardParams,
): Promise<PartnerDashboardSummary> {
  const start = startOfDay(p.from)
  const end = endOfDay(p.to)

  const [clicks, conversionRows, earningRows, balances, rewards] = await Promise.all([
    clicksByDay(ch, { from: p.from, to: p.to, partnerId: p.partnerId }),
    db
      .selectFrom('conversions as c')
      .select([
        sql<string>`to_char(c.occurred_at at time zone 'UTC', 'YYYY-MM-DD')`.as('day'),
        sql<number>`count(*)`.as('n'),
      ])
      .where(ownConversion(p.partnerId))
      .where('c.occurred_at', '>=', start)
      .where('c.occurred_at', '<', end)
      .where('c.status', '<>', 'rejected')
      .groupBy(sql`1`)
      .execute(),
    db
      .selectFrom('commissions as m')
      .select([
        sql<string>`to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD')`.as('day'),
        'm.currency',
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(m.amount_minor)::bigint`.as('amount'),
      ])
      .where('m.partner_id', '=', p.partnerId)
      .where('m.created_at', '>=', start)
      .where('m.created_at', '<', end)
      .where('m.status', '<>', 'rejected')
      .groupBy([sql`1`, 'm.currency'])
      .execute(),
    earningBalances(db, p.partnerId),
    referralRewards(db, p.partnerId),
  ])

  const currency = mostCommonCurrency(earningRows.map((r) => ({ currency: r.currency, count: r.n })))
  const byDay = new Map(
    eachDay(p.from, p.to).map((d): [string, PartnerDashboardDay] => [
      d,
      { day: d, clicks: clicks.get(d)?.clicks ?? 0, conversions: 0, earningsMinor: 0 },
    ]),
  )
  for (const r of conversionRows) {
    const entry = byDay.get(r.day)
    if (entry) entry.conversions += r.n
  }
  for (const r of earningRows) {
    const entry = byDay.get(r.day)
    if (entry && r.currency === currency) entry.earningsMinor += r.amount
  }

  let totalClicks = 0
  let uniqueClicks = 0
  for (const c of clicks.values()) {
    totalClicks += c.clicks
    uniqueClicks += c.uniqueClicks
  }
  return {
    from: p.from,
    to: p.to,
    clicks: totalClicks,
    uniqueClicks,
    conversions: conversionRows.reduce((n, r) => n + r.n, 0),
    earnings: balances,
    rewards,
    currency,
    byDay: [...byDay.values()],
  }
}

/** Today's balances by bucket; a row is "paid" once it is in a payout marked paid, whatever its status. */
async function earningBalances(
  db: Kysely<Database>,
  partnerId: string,
): Promise<PartnerDashboardSummary['earnings']> {
  const rows = await db
    .selectFrom('commissions as m')
    .select([
      'm.currency',
      sql<string>`case when exists (
          select 1 from payout_items pi join payouts po on po.id = pi.payout_id
           where pi.commission_id = m.id and po.status = 'paid') then 'paid' else m.status end`.as('bucket'),
      sql<number>`sum(m.amount_minor)::bigint`.as('amount'),
    ])
    .where('m.partner_id', '=', partnerId)
    .where('m.status', '<>', 'rejected')
    .groupBy(['m.currency', sql`2`])
    .execute()
  const inBucket = (bucket: Bucket) =>
    moneyList(
      rows.filter((r) => r.bucket === bucket).map((r) => ({ currency: r.currency, amountMinor: r.amount })),
    )
  return { pending: inBucket('pending'), approved: inBucket('approved'), paid: inBucket('paid') }
}

/** Money rewards (store credit, cash) the partner earned as a referrer; coupons carry no balance. */
async function referralRewards(
  db: Kysely<Database>,
  partnerId: string,
): Promise<PartnerDashboardSummary['rewards']> {
  const rows = await db
    .selectFrom('referral_rewards')
    .select(['currency', 'status', sql<number>`sum(amount_minor)::bigint`.as('amount')])
    .where('referrer_partner_id', '=', partnerId)
    .where('side', '=', 'referrer')
    .where('status', '<>', 'void')
    .where('reward_type', 'in', ['store_credit', 'cash'])
    .groupBy(['currency', 'status'])
    .execute()
  // Friends referred: customers who came through the partner (as the referral page counts them),
  // whether or not their purchase earned a reward yet.
  const referrals = await db
    .selectFrom('customers')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('referrer_partner_id', '=', partnerId)
    .executeTakeFirst()
  const money = (pick: (status: string) => boolean) =>
    moneyList(
      rows.filter((r) => pick(r.status)).map((r) => ({ currency: r.currency, amountMinor: r.amount })),
    )
  return {
    pending: money((s) => s === 'pending'),
    earned: money((s) => s === 'qualified' || s === 'issued'),
    referrals: referrals?.n ?? 0,
  }
}
