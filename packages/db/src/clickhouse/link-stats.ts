import type { ClickHouseClient } from '@clickhouse/client'
import { z } from 'zod'
import { chInt, chRows } from './query.ts'

/** The sub-id fields of a click (the tracker's ?sub1=…&sub5=). */
export const SUB_ID_KEYS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const
export type SubIdKey = (typeof SUB_ID_KEYS)[number]

export interface ClickCounts {
  /** Human clicks (bots excluded). */
  clicks: number
  uniqueClicks: number
}

const byValueRow = z.object({ v: z.string(), n_clicks: chInt, n_unique: chInt, n_bots: chInt })

/**
 * One partner's clicks in [from, to] grouped by one sub-id (or by link: key 'link'), from the
 * clicks_subid_daily_v1 rollup; optionally of one link. Partner leads the filter and the sort key.
 */
export async function partnerClicksBy(
  ch: ClickHouseClient,
  p: { partnerId: string; from: string; to: string; by: SubIdKey | 'link'; linkId?: number | undefined },
): Promise<Map<string, ClickCounts>> {
  const filters = ['partner_id = {partnerId:UUID}', 'day >= {from:Date}', 'day <= {to:Date}']
  if (p.linkId !== undefined) filters.push('link_id = {linkId:UInt32}')
  // The grouping column comes from a fixed list, never from the caller's text.
  const column = p.by === 'link' ? 'toString(link_id)' : SUB_ID_KEYS.find((k) => k === p.by)
  if (!column) throw new Error(`Unknown grouping ${String(p.by)}`)
  const rows = await chRows(
    ch,
    `SELECT ${column} AS v, sum(clicks) AS n_clicks, sum(unique_clicks) AS n_unique, sum(bot_clicks) AS n_bots
       FROM clicks_subid_daily_v1
      WHERE ${filters.join(' AND ')}
      GROUP BY v`,
    { partnerId: p.partnerId, from: p.from, to: p.to, linkId: p.linkId },
    byValueRow,
  )
  return new Map(rows.map((r) => [r.v, { clicks: r.n_clicks - r.n_bots, uniqueClicks: r.n_unique }]))
}

const clickFactsRow = z.object({
  click_id: z.string(),
  link_id: chInt,
  sub1: z.string(),
  sub2: z.string(),
  sub3: z.string(),
  sub4: z.string(),
  sub5: z.string(),
})
export type ClickFacts = z.infer<typeof clickFactsRow>

/** The link and sub-ids of clicks by their click ids, among one partner's clicks only. */
export async function partnerClickFacts(
  ch: ClickHouseClient,
  p: { partnerId: string; clickIds: readonly string[] },
): Promise<Map<string, ClickFacts>> {
  if (p.clickIds.length === 0) return new Map()
  const rows = await chRows(
    ch,
    `SELECT click_id, any(link_id) AS link_id, any(sub1) AS sub1, any(sub2) AS sub2, any(sub3) AS sub3,
            any(sub4) AS sub4, any(sub5) AS sub5
       FROM clicks
      WHERE partner_id = {partnerId:UUID} AND click_id IN {ids:Array(String)}
      GROUP BY click_id`,
    { partnerId: p.partnerId, ids: p.clickIds },
    clickFactsRow,
  )
  return new Map(rows.map((r) => [r.click_id, r]))
}
