import type { ClickHouseClient } from '@clickhouse/client'
import { z } from 'zod'
import { chInt, chRows } from './query.ts'

export interface ClickTouchRow {
  clickId: string
  at: string
  linkId: number
  partnerId: string
  country: string
  device: string
  referer: string
  subIds: string[]
  bot: boolean
  fraudFlags: string[]
}

const row = z.object({
  click_id: z.string(),
  ts: z.string(),
  link_id: chInt,
  partner_id: z.string(),
  country: z.string(),
  device: z.string(),
  referer: z.string(),
  sub1: z.string(),
  sub2: z.string(),
  sub3: z.string(),
  sub4: z.string(),
  sub5: z.string(),
  is_bot: chInt,
  fraud_flags: z.array(z.string()),
})

/** The recorded clicks of a conversion's click ids (what the visitor did before buying), oldest first. */
export async function clickTouches(
  ch: ClickHouseClient,
  programId: string,
  clickIds: readonly string[],
): Promise<ClickTouchRow[]> {
  if (clickIds.length === 0) return []
  const rows = await chRows(
    ch,
    `SELECT click_id, toString(ts) AS ts, link_id, toString(partner_id) AS partner_id, country, device, referer,
            sub1, sub2, sub3, sub4, sub5, is_bot, fraud_flags
       FROM clicks
      WHERE program_id = {programId:UUID} AND click_id IN {ids:Array(String)}
      ORDER BY ts
      LIMIT 50`,
    { programId, ids: [...clickIds] },
    row,
  )
  return rows.map((r) => ({
    clickId: r.click_id,
    at: `${r.ts.replace(' ', 'T')}Z`,
    linkId: r.link_id,
    partnerId: r.partner_id,
    country: r.country,
    device: r.device,
    referer: r.referer,
    subIds: [r.sub1, r.sub2, r.sub3, r.sub4, r.sub5],
    bot: r.is_bot === 1,
    fraudFlags: r.fraud_flags,
  }))
}
