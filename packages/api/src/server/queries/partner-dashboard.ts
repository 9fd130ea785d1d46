import type { Stores } from '@tandem/db'
import { sql } from 'kysely'
import type { z } from 'zod'
import type { dashboardSummaryInput, dashboardSummaryOutput } from '../schemas/partner.ts'
import { eachDay, endOfDay, startOfDay } from './days.ts'
import { moneyList } from './money-rows.ts'
import { clicksByDay } from './overview.ts'
import { ownConversion } from './partner-scope.ts'

type Params = z.output<typeof dashboardSummaryInput> & { partnerId: string }
type Summary = z.output<typeof dashboardSummaryOutput>
type Bucket = 'pending' | 'approved' | 'paid'

/** One partner's dashboard: every read is filtered by params.partnerId (from the session). */
export async function partnerDashboardSummary(stores: Stores, p: Params): Promise<Summary> {
  const { db } = stores
  const start = startOfDay(p.from)
  const end = endOfDay(p.to)

  const [clicks, conversionRows, earningRows, balances, rewards] = await Promise.all([
    clicksByDay(stores, { from: p.from, to: p.to, partnerId: p.partnerId }),
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
    earningBalances(stores, p.partnerId),
    referralRewards(stores, p.partnerId),
  ])

  const currency = mostRowsCurrency(earningRows)
  const byDay = new Map(
    eachDay(p.from, p.to).map((d) => [
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
async function earningBalances(stores: Stores, partnerId: string): Promise<Summary['earnings']> {
  const rows = await stores.db
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
async function referralRewards(stores: Stores, partnerId: string): Promise<Summary['rewards']> {
  const rows = await stores.db
    .selectFrom('referral_rewards')
    .select(['currency', 'status', sql<number>`sum(amount_minor)::bigint`.as('amount')])
    .where('referrer_partner_id', '=', partnerId)
    .where('side', '=', 'referrer')
    .where('status', '<>', 'void')
    .where('reward_type', 'in', ['store_credit', 'cash'])
    .groupBy(['currency', 'status'])
    .execute()
  const referrals = await stores.db
    .selectFrom('referral_rewards')
    .select(sql<number>`count(distinct customer_id)`.as('n'))
    .where('referrer_partner_id', '=', partnerId)
    .where('side', '=', 'referrer')
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

function mostRowsCurrency(rows: readonly { currency: string; n: number }[]): string | null {
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.currency, (counts.get(r.currency) ?? 0) + r.n)
  let best: string | null = null
  for (const [c, n] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (best === null || n > (counts.get(best) ?? 0)) best = c
  }
  return best
}
