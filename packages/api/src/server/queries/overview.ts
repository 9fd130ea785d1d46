import type { Stores } from '@tandem/db'
import { sql } from 'kysely'
import { z } from 'zod'
import { notFound } from '../errors.ts'
import type { overviewSummaryInput, overviewSummaryOutput } from '../schemas/admin.ts'
import { chInt, chRows } from './clickhouse.ts'
import { eachDay, endOfDay, startOfDay } from './days.ts'
import { moneyList } from './money-rows.ts'

type Params = z.output<typeof overviewSummaryInput>
type Summary = z.output<typeof overviewSummaryOutput>

const clickDayRow = z.object({ d: z.string(), n_clicks: chInt, n_unique: chInt, n_bots: chInt })

/** Clicks per day from the rollup (summed: SummingMergeTree merges rows lazily). */
export async function clicksByDay(
  stores: Stores,
  p: { from: string; to: string; programId?: string | undefined; partnerId?: string | undefined },
): Promise<Map<string, { clicks: number; uniqueClicks: number; botClicks: number }>> {
  // Only fixed fragments are appended; every value travels as a {name:Type} parameter.
  const filters = ['day >= {from:Date}', 'day <= {to:Date}']
  if (p.programId) filters.push('program_id = {programId:UUID}')
  if (p.partnerId) filters.push('partner_id = {partnerId:UUID}')
  const rows = await chRows(
    stores.ch,
    `SELECT toString(day) AS d, sum(clicks) AS n_clicks, sum(unique_clicks) AS n_unique,
            sum(bot_clicks) AS n_bots
       FROM clicks_daily_v1
      WHERE ${filters.join(' AND ')}
      GROUP BY day`,
    { from: p.from, to: p.to, programId: p.programId, partnerId: p.partnerId },
    clickDayRow,
  )
  return new Map(
    rows.map((r) => [r.d, { clicks: r.n_clicks - r.n_bots, uniqueClicks: r.n_unique, botClicks: r.n_bots }]),
  )
}

/** The admin overview: clicks from ClickHouse, conversions and money from Postgres. */
export async function overviewSummary(stores: Stores, p: Params): Promise<Summary> {
  const { db } = stores
  let programCurrency: string | null = null
  if (p.programId) {
    const program = await db
      .selectFrom('programs')
      .select('currency')
      .where('id', '=', p.programId)
      .executeTakeFirst()
    if (!program) throw notFound('Program not found')
    programCurrency = program.currency
  }
  const start = startOfDay(p.from)
  const end = endOfDay(p.to)
  const day = sql<string>`to_char(c.occurred_at at time zone 'UTC', 'YYYY-MM-DD')`

  const [clicks, conversionRows, commissionRows] = await Promise.all([
    clicksByDay(stores, p),
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

  const chartCurrency = programCurrency ?? mostFrequentCurrency(conversionRows)
  const byDay = new Map(
    eachDay(p.from, p.to).map((d) => {
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

/** The currency most conversions were in (ties: alphabetical), or null when there are none. */
function mostFrequentCurrency(rows: readonly { currency: string; conversions: number }[]): string | null {
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.currency, (counts.get(r.currency) ?? 0) + r.conversions)
  let best: string | null = null
  for (const [currency, n] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (best === null || n > (counts.get(best) ?? 0)) best = currency
  }
  return best
}
