import type { ClickHouseClient } from '@clickhouse/client'
import { z } from 'zod'
import { chInt, chRows } from './query.ts'

/**
 * Every read of the daily rollups (clickhouse/migrations/0002-daily-rollups.sql). The rollups are
 * SummingMergeTree tables, which merge rows lazily: every query sums, never reads a row as final.
 * Only fixed filter fragments are appended to a query; every value is a {name:Type} parameter.
 */

export interface ClickDay {
  /** Human clicks (bots excluded). */
  clicks: number
  uniqueClicks: number
  botClicks: number
}

const clickDayRow = z.object({ d: z.string(), n_clicks: chInt, n_unique: chInt, n_bots: chInt })

/** Clicks per UTC day ('YYYY-MM-DD') in [from, to], optionally of one program and/or one partner. */
export async function clicksByDay(
  ch: ClickHouseClient,
  p: { from: string; to: string; programId?: string | undefined; partnerId?: string | undefined },
): Promise<Map<string, ClickDay>> {
  const filters = ['day >= {from:Date}', 'day <= {to:Date}']
  if (p.programId) filters.push('program_id = {programId:UUID}')
  if (p.partnerId) filters.push('partner_id = {partnerId:UUID}')
  const rows = await chRows(
    ch,
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

const linkClicksRow = z.object({ link_id: chInt, human_clicks: chInt })

/** Human clicks per link of one partner in [from, to]; links without clicks are absent. */
export async function humanClicksByLink(
  ch: ClickHouseClient,
  p: { partnerId: string; linkIds: readonly number[]; from: string; to: string },
): Promise<Map<number, number>> {
  // partner_id leads the filter (and the sort key); link ids alone could name another partner's.
  const rows = await chRows(
    ch,
    `SELECT link_id, sum(clicks) - sum(bot_clicks) AS human_clicks
       FROM clicks_daily_v1
      WHERE partner_id = {partnerId:UUID} AND link_id IN {linkIds:Array(UInt32)}
        AND day >= {from:Date} AND day <= {to:Date}
      GROUP BY link_id`,
    { partnerId: p.partnerId, linkIds: p.linkIds, from: p.from, to: p.to },
    linkClicksRow,
  )
  return new Map(rows.map((r) => [r.link_id, r.human_clicks]))
}

// Aliases differ from column names: ClickHouse would read an alias in WHERE instead of the column.
const partnerClicksRow = z.object({ pid: z.string(), human_clicks: chInt })

/** Human clicks per partner in [from, to], optionally in one program; partners without clicks are absent. */
export async function humanClicksByPartner(
  ch: ClickHouseClient,
  p: { partnerIds: readonly string[]; from: string; to: string; programId?: string | undefined },
): Promise<Map<string, number>> {
  const filters = ['partner_id IN {ids:Array(UUID)}', 'day >= {from:Date}', 'day <= {to:Date}']
  if (p.programId) filters.push('program_id = {programId:UUID}')
  const rows = await chRows(
    ch,
    `SELECT toString(partner_id) AS pid, sum(clicks) - sum(bot_clicks) AS human_clicks
       FROM clicks_daily_v1
      WHERE ${filters.join(' AND ')}
      GROUP BY partner_id`,
    { ids: p.partnerIds, from: p.from, to: p.to, programId: p.programId },
    partnerClicksRow,
  )
  return new Map(rows.map((r) => [r.pid, r.human_clicks]))
}
