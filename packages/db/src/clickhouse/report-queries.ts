import type { ClickHouseClient } from '@clickhouse/client'
import { z } from 'zod'
import { chInt, chRows } from './query.ts'

/**
 * The admin's reports: clicks from the click rollups, conversions, revenue, commissions and
 * refunds from the event rollup (events_daily_v1), grouped by one dimension. Sub-ids are only in
 * clicks_subid_daily_v1 and the raw events table, so that dimension reads those. Every value is a
 * {name:Type} parameter; the dimension and the sort column come from fixed maps.
 */
export type ReportDimension = 'partner' | 'link' | 'subid' | 'day' | 'program'
export type ReportSort =
  | 'key'
  | 'clicks'
  | 'unique_clicks'
  | 'conversions'
  | 'revenue'
  | 'commission'
  | 'refunds'

export interface ReportParams {
  dimension: ReportDimension
  /** First and last UTC day, both included. */
  from: string
  to: string
  programId?: string | undefined
  partnerId?: string | undefined
  /** Money columns count rows in this currency only (the program's). */
  currency: string
  sort: ReportSort
  direction: 'asc' | 'desc'
  limit: number
  offset: number
}

export interface ReportRow {
  key: string
  clicks: number
  uniqueClicks: number
  conversions: number
  revenueMinor: number
  commissionMinor: number
  refundsMinor: number
}

const KEY: Record<Exclude<ReportDimension, 'subid'>, string> = {
  partner: 'toString(partner_id)',
  link: 'toString(link_id)',
  day: 'toString(day)',
  program: 'toString(program_id)',
}

const SORT: Record<ReportSort, string> = {
  key: 'key',
  clicks: 'clicks',
  unique_clicks: 'unique_clicks',
  conversions: 'conversions',
  revenue: 'revenue',
  commission: 'commission',
  refunds: 'refunds',
}

const row = z.object({
  key: z.string(),
  clicks: chInt,
  unique_clicks: chInt,
  conversions: chInt,
  revenue: chInt,
  commission: chInt,
  refunds: chInt,
  total_rows: chInt,
})

export async function reportRows(
  ch: ClickHouseClient,
  p: ReportParams,
): Promise<{ rows: ReportRow[]; total: number }> {
  const filters = ['day >= {from:Date}', 'day <= {to:Date}']
  if (p.programId) filters.push('program_id = {programId:UUID}')
  if (p.partnerId) filters.push('partner_id = {partnerId:UUID}')
  const where = filters.join(' AND ')
  const rawWhere = where.replace(/\bday\b/g, 'toDate(ts)')
  const clicks =
    p.dimension === 'subid'
      ? `SELECT sub1 AS key, sum(clicks) - sum(bot_clicks) AS c, sum(unique_clicks) AS u,
                0 AS n, 0 AS rev, 0 AS com, 0 AS ref
           FROM clicks_subid_daily_v1 WHERE ${where} GROUP BY key`
      : `SELECT ${KEY[p.dimension]} AS key, sum(clicks) - sum(bot_clicks) AS c, sum(unique_clicks) AS u,
                0 AS n, 0 AS rev, 0 AS com, 0 AS ref
           FROM clicks_daily_v1 WHERE ${where} GROUP BY key`
  const events =
    p.dimension === 'subid'
      ? `SELECT sub1 AS key, 0 AS c, 0 AS u,
                countIf(type = 'conversion' AND is_bot = 0) AS n,
                sumIf(amount_minor, type = 'conversion' AND currency = {currency:String}) AS rev,
                sumIf(commission_minor, currency = {currency:String}) AS com,
                -sumIf(amount_minor, type = 'refund' AND currency = {currency:String}) AS ref
           FROM events WHERE ${rawWhere} AND type IN ('conversion', 'refund', 'status') GROUP BY key`
      : `SELECT ${KEY[p.dimension]} AS key, 0 AS c, 0 AS u,
                sumIf(events - bot_events, type = 'conversion') AS n,
                sumIf(amount_minor, type = 'conversion' AND currency = {currency:String}) AS rev,
                sumIf(commission_minor, currency = {currency:String}) AS com,
                -sumIf(amount_minor, type = 'refund' AND currency = {currency:String}) AS ref
           FROM events_daily_v1 WHERE ${where} AND type IN ('conversion', 'refund', 'status') GROUP BY key`
  const direction = p.direction === 'asc' ? 'ASC' : 'DESC'
  const rows = await chRows(
    ch,
    `SELECT key, sum(c) AS clicks, sum(u) AS unique_clicks, sum(n) AS conversions, sum(rev) AS revenue,
            sum(com) AS commission, sum(ref) AS refunds, count() OVER () AS total_rows
       FROM (${clicks} UNION ALL ${events})
      GROUP BY key
      ORDER BY ${SORT[p.sort]} ${direction}, key ASC
      LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    {
      from: p.from,
      to: p.to,
      programId: p.programId,
      partnerId: p.partnerId,
      currency: p.currency,
      limit: p.limit,
      offset: p.offset,
    },
    row,
  )
  return {
    total: rows[0]?.total_rows ?? 0,
    rows: rows.map((r) => ({
      key: r.key,
      clicks: r.clicks,
      uniqueClicks: r.unique_clicks,
      conversions: r.conversions,
      revenueMinor: r.revenue,
      commissionMinor: r.commission,
      refundsMinor: r.refunds,
    })),
  }
}
