import type { ClickHouseClient } from '@clickhouse/client'
import type { Money } from '@tandem/core'
import type { Kysely } from 'kysely'
import {
  type ClickFacts,
  partnerClickFacts,
  partnerClicksBy,
  type SubIdKey,
} from '../clickhouse/link-stats.ts'
import type { Database } from '../postgres/schema.ts'
import { commissionTotalsByConversion } from './shared/conversion-list.ts'
import { moneyList } from './shared/money-totals.ts'
import { ownConversion } from './shared/own-conversion.ts'
import { endOfDay, startOfDay } from './shared/utc-days.ts'

export interface LinkStatsRow {
  /** The link id ('12') or the sub-id's value ('' when the clicks carried none). */
  key: string
  clicks: number
  uniqueClicks: number
  /** Conversions (rejected excluded) whose winning click came through it. */
  conversions: number
  /** This partner's commissions on those conversions, per currency (reversals included). */
  earnings: Money[]
}

export interface LinkStatsParams {
  /** The partner whose stats these are (from the session): every read filters by it. */
  partnerId: string
  from: string
  to: string
  /** Group by link, or by one sub-id. */
  by: SubIdKey | 'link'
  /** Only one link (its owner is checked by the caller or by the partner filter). */
  linkId?: number | undefined
}

/**
 * Clicks, conversions and earnings per link or per sub-id value for one partner in [from, to]
 * (UTC days). Clicks come from the ClickHouse rollup; conversions and money from Postgres, each
 * conversion placed by its winning click (looked up among this partner's clicks only).
 */
export async function partnerLinkStats(
  db: Kysely<Database>,
  ch: ClickHouseClient,
  p: LinkStatsParams,
): Promise<LinkStatsRow[]> {
  const [clicks, conversions] = await Promise.all([
    partnerClicksBy(ch, { partnerId: p.partnerId, from: p.from, to: p.to, by: p.by, linkId: p.linkId }),
    db
      .selectFrom('conversions as c')
      .select(['c.id', 'c.click_id'])
      .where(ownConversion(p.partnerId))
      .where('c.occurred_at', '>=', startOfDay(p.from))
      .where('c.occurred_at', '<', endOfDay(p.to))
      .where('c.status', '<>', 'rejected')
      .where('c.superseded_by', 'is', null)
      .where('c.click_id', 'is not', null)
      .execute(),
  ])
  const facts = await partnerClickFacts(ch, {
    partnerId: p.partnerId,
    clickIds: conversions.map((c) => c.click_id ?? ''),
  })
  const keyOf = (f: ClickFacts) => (p.by === 'link' ? String(f.link_id) : f[p.by])
  const placed = conversions
    .map((c) => ({ id: c.id, facts: facts.get(c.click_id ?? '') }))
    .filter((c): c is { id: string; facts: ClickFacts } => c.facts !== undefined)
    .filter((c) => p.linkId === undefined || c.facts.link_id === p.linkId)
  const earningsOf = await commissionTotalsByConversion(
    db,
    placed.map((c) => c.id),
    p.partnerId,
  )
  const rows = new Map<
    string,
    { clicks: number; uniqueClicks: number; conversions: number; money: Money[] }
  >()
  const row = (key: string) => {
    let r = rows.get(key)
    if (!r) {
      r = { clicks: 0, uniqueClicks: 0, conversions: 0, money: [] }
      rows.set(key, r)
    }
    return r
  }
  for (const [key, c] of clicks) Object.assign(row(key), { clicks: c.clicks, uniqueClicks: c.uniqueClicks })
  for (const c of placed) {
    const r = row(keyOf(c.facts))
    r.conversions++
    r.money.push(...earningsOf(c.id))
  }
  return [...rows.entries()]
    .map(([key, r]) => ({
      key,
      clicks: r.clicks,
      uniqueClicks: r.uniqueClicks,
      conversions: r.conversions,
      earnings: moneyList(r.money),
    }))
    .sort((a, b) => b.clicks - a.clicks || b.conversions - a.conversions || (a.key < b.key ? -1 : 1))
}

/** One of the partner's links, or undefined when it is not theirs. */
export async function findPartnerLink(db: Kysely<Database>, partnerId: string, linkId: number) {
  return db
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
      'l.created_at',
    ])
    .where('l.partner_id', '=', partnerId)
    .where('l.id', '=', linkId)
    .executeTakeFirst()
}

/** The programs a partner may make links in (approved, not archived), with where links may go. */
export async function listLinkPrograms(db: Kysely<Database>, partnerId: string) {
  const rows = await db
    .selectFrom('program_enrollments as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .select([
      'p.id',
      'p.name',
      'p.kind',
      'p.currency',
      'p.allowed_domains',
      'p.deep_link_subdomains',
      'p.default_landing_url',
    ])
    .where('e.partner_id', '=', partnerId)
    .where('e.status', '=', 'approved')
    .where('p.status', '=', 'active')
    .orderBy('p.name')
    .execute()
  return rows.map((r) => ({ ...r, currency: r.currency.trim() }))
}
