import type { ClickHouseClient } from '@clickhouse/client'
import type { Money } from '@tandem/core'
import { type Kysely, sql } from 'kysely'
import { clicksByDay } from '../clickhouse/rollups.ts'
import type { Database } from '../postgres/schema.ts'
import { findProgramCurrency } from './programs.ts'
import { mostCommonCurrency } from './shared/main-currency.ts'
import { moneyList } from './shared/money-totals.ts'
import { eachDay, endOfDay, startOfDay } from './shared/utc-days.ts'

export interface OverviewSummaryParams {
  /** First and last UTC day ('YYYY-MM-DD'), both included. */
  from: string
  to: string
  programId?: string | undefined
}

export interface OverviewDay {
  day: string
  /** Human clicks (bots excluded). */
  clicks: number
  uniqueClicks: number
  conversions: number
  /** In the summary's chartCurrency only. */
  revenueMinor: number
  commissionsMinor: number
}

export interface OverviewSummary {
  from: string
  to: string
  /** Human clicks (bots excluded); bots are counted in botClicks. */
  clicks: number
  uniqueClicks: number
  botClicks: number
  /** Conversions that occurred in the range, rejected ones excluded. */
  conversions: number
  /** Revenue (amount − refunded) per currency. */
  revenue: Money[]
  /** Commission rows of those conversions (all states but rejected), per currency. */
  commissions: Money[]
  /** The program's currency with programId, else the one most conversions are in; null when none. */
  chartCurrency: string | null
  /** Every day of the range, zero-filled. */
  byDay: OverviewDay[]
}

/**
 * The admin overview: clicks from ClickHouse, conversions and money from Postgres.
 * Undefined when programId names no program.
 */
export async function overviewSummary(
  db: Kysely<Database>,
  ch: ClickHouseClient,
  p: OverviewSummaryParams,
): Promise<OverviewSummary | undefined> {
  let programCurrency: string | null = null
  if (p.programId) {
    const currency = await findProgramCurrency(db, p.programId)
    if (currency === undefined) return undefined
    programCurrency = currency
  }
  const start = startOfDay(p.from)
  const end = endOfDay(p.to)
  const day = sql<string>`to_char(c.occurred_at at time zone 'UTC', 'YYYY-MM-DD')`

  const [clicks, conversionRows, commissionRows] = await Promise.all([
    clicksByDay(ch, p),
    db
      .selectFrom('conversions as c')
      .select([
        day.as('day'),
        'c.currency',
        sql<number>`count(*)`.as('conversions'),
        sql<number>`sum(c.amount_minor - c.refunded_minor)::bigint`.as('revenue'),
      ])
      .where('c.occurred_at', '>=', start)
      .where('c.occurred_at', '<', end)
      .where('c.status', '<>', 'rejected')
      .$if(p.programId !== undefined, (q) => q.where('c.program_id', '=', p.programId!))
      .groupBy([sql`1`, 'c.currency'])
      .execute(),
    db
      .selectFrom('commissions as m')
      .innerJoin('conversions as c', 'c.id', 'm.conversion_id')
      .select([day.as('day'), 'm.currency', sql<number>`sum(m.amount_minor)::bigint`.as('amount')])
      .where('c.occurred_at', '>=', start)
      .where('c.occurred_at', '<', end)
      .where('c.status', '<>', 'rejected')
      .where('m.status', '<>', 'rejected')
      .$if(p.programId !== undefined, (q) => q.where('c.program_id', '=', p.programId!))
      .groupBy([sql`1`, 'm.currency'])
      .execute(),
  ])

  const chartCurrency =
    programCurrency ??
    mostCommonCurrency(conversionRows.map((r) => ({ currency: r.currency, count: r.conversions })))
  const byDay = new Map(
    eachDay(p.from, p.to).map((d): [string, OverviewDay] => {
      const c = clicks.get(d)
      return [
        d,
        {
          day: d,
          clicks: c?.clicks ?? 0,
          uniqueClicks: c?.uniqueClicks ?? 0,
          conversions: 0,
          revenueMinor: 0,
          commissionsMinor: 0,
        },
      ]
    }),
  )
  for (const r of conversionRows) {
    const entry = byDay.get(r.day)
    if (!entry) continue
    entry.conversions += r.conversions
    if (r.currency === chartCurrency) entry.revenueMinor += r.revenue
  }
  for (const r of commissionRows) {
    const entry = byDay.get(r.day)
    if (entry && r.currency === chartCurrency) entry.commissionsMinor += r.amount
  }

  let totalClicks = 0
  let uniqueClicks = 0
  let botClicks = 0
  for (const c of clicks.values()) {
    totalClicks += c.clicks
    uniqueClicks += c.uniqueClicks
    botClicks += c.botClicks
  }
  return {
    from: p.from,
    to: p.to,
    clicks: totalClicks,
    uniqueClicks,
    botClicks,
    conversions: conversionRows.reduce((n, r) => n + r.conversions, 0),
    revenue: moneyList(conversionRows.map((r) => ({ currency: r.currency, amountMinor: r.revenue }))),
    commissions: moneyList(commissionRows.map((r) => ({ currency: r.currency, amountMinor: r.amount }))),
    chartCurrency,
    byDay: [...byDay.values()],
  }
}
