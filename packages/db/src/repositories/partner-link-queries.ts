import type { ClickHouseClient } from '@clickhouse/client'
import type { Kysely } from 'kysely'
import { humanClicksByLink } from '../clickhouse/rollups.ts'
import type { Database } from '../postgres/schema.ts'
import { lastDays } from './shared/utc-days.ts'

export interface PartnerLinkListParams {
  /** The partner whose links these are (from the session). */
  partnerId: string
  /** Public base URL of the tracker, without a trailing slash. */
  trackerUrl: string
  today: Date
}

export interface PartnerLinkItem {
  id: number
  code: string
  name: string | null
  programId: string
  programName: string
  /** The tracker's /r/<code>, with the link's saved sub-ids and UTM fields. */
  trackingUrl: string
  /** Sub-ids and UTM fields saved with the link. */
  params: Record<string, string>
  destinationUrl: string
  status: 'active' | 'paused'
  /** Human clicks in the last 30 days (UTC, today included). */
  clicks30d: number
}

/** The partner's links, newest first, with their tracking URL and human clicks of the last 30 days. */
export async function listPartnerLinks(
  db: Kysely<Database>,
  ch: ClickHouseClient,
  p: PartnerLinkListParams,
): Promise<PartnerLinkItem[]> {
  const rows = await db
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
      'l.params',
    ])
    .where('l.partner_id', '=', p.partnerId)
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .execute()
  if (rows.length === 0) return []
  const clicks = await humanClicksByLink(ch, {
    partnerId: p.partnerId,
    linkIds: rows.map((r) => r.id),
    ...lastDays(p.today, 30),
  })
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    programId: r.program_id,
    programName: r.program_name,
    trackingUrl: trackingUrl(p.trackerUrl, r.code, r.params),
    params: r.params ?? {},
    destinationUrl: r.destination_url,
    status: r.status,
    clicks30d: clicks.get(r.id) ?? 0,
  }))
}

/** The tracker's /r/<code> with the saved parameters, in a fixed order (sub1…sub5, then utm_*). */
export function trackingUrl(trackerUrl: string, code: string, params: Record<string, string> | null): string {
  const base = `${trackerUrl}/r/${encodeURIComponent(code)}`
  const order = [
    'sub1',
    'sub2',
    'sub3',
    'sub4',
    'sub5',
    'utm_source',
    'utm_medium',
    'utm_campaign',
    'utm_term',
    'utm_content',
  ]
  const query = new URLSearchParams()
  for (const key of order) {
    const value = params?.[key]
    if (value) query.set(key, value)
  }
  const text = query.toString()
  return text ? `${base}?${text}` : base
}
