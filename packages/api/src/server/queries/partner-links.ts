import type { Stores } from '@tandem/db'
import { z } from 'zod'
import type { partnerLinksOutput } from '../schemas/partner.ts'
import { chInt, chRows } from './clickhouse.ts'
import { lastDays } from './days.ts'

const linkClicksRow = z.object({ link_id: chInt, human_clicks: chInt })

/** The partner's links with their tracking URL and human clicks of the last 30 days. */
export async function listPartnerLinks(
  stores: Stores,
  p: { partnerId: string; trackerUrl: string; today: Date },
): Promise<z.output<typeof partnerLinksOutput>> {
  const rows = await stores.db
    .selectFrom('links as l')
    .innerJoin('programs as g', 'g.id', 'l.program_id')
    .select([
      'l.id',
      'l.code',
      'l.name',
      'l.program_id',
      'g.name as program_name',
      'l.destination_url',
      'l.status',
    ])
    .where('l.partner_id', '=', p.partnerId)
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .execute()
  if (rows.length === 0) return []
  const period = lastDays(p.today, 30)
  // partner_id leads the filter (and the sort key); link ids alone could name another partner's.
  const clicks = await chRows(
    stores.ch,
    `SELECT link_id, sum(clicks) - sum(bot_clicks) AS human_clicks
       FROM clicks_daily_v1
      WHERE partner_id = {partnerId:UUID} AND link_id IN {linkIds:Array(UInt32)}
        AND day >= {from:Date} AND day <= {to:Date}
      GROUP BY link_id`,
    { partnerId: p.partnerId, linkIds: rows.map((r) => r.id), ...period },
    linkClicksRow,
  )
  const byLink = new Map(clicks.map((c) => [c.link_id, c.human_clicks]))
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    programId: r.program_id,
    programName: r.program_name,
    trackingUrl: `${p.trackerUrl}/r/${encodeURIComponent(r.code)}`,
    destinationUrl: r.destination_url,
    status: r.status,
    clicks30d: byLink.get(r.id) ?? 0,
  }))
}
