import type { FraudConfig } from '@tandem/core'
import type { Stores } from '@tandem/db'
import { fraudConfigOf } from '@tandem/services'
import { type ClickTemplate, clickTemplate } from './click-template.ts'
import { type AllowedDomains, allowedDomains, type Landing, parseLanding } from './landing.ts'

/** What the click path needs about a link and its program, loaded once and cached. */
export interface TrackedLink {
  id: number
  code: string
  programId: string
  partnerId: string
  destinationUrl: string
  /** The destination, split for fast appends; null when it is not an http(s) URL (answered as 404). */
  landing: Landing | null
  /** The link and its program are both active: paused links and programs answer 404. */
  active: boolean
  /** The parts of a click's row and Location that are the same for every click on this link. */
  click: ClickTemplate
  program: {
    slug: string
    /** Name of the first-party cookie that keeps this program's click ids (see t.js). */
    cookieName: string
    clickParam: string
    /** Hosts for deep links and the server-set cookie; `.subdomains`: deep links may go to subdomains. */
    allowedDomains: AllowedDomains
    cookieDays: number
    fraud: FraudConfig
  }
}

/** A link code in a URL: short, URL-safe. Anything else is a 404 without a database query. */
export const LINK_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

const columns = [
  'links.id',
  'links.code',
  'links.program_id',
  'links.partner_id',
  'links.destination_url',
  'links.status',
  'programs.slug',
  'programs.status as program_status',
  'programs.click_param',
  'programs.allowed_domains',
  'programs.deep_link_subdomains',
  'programs.cookie_days',
  'programs.fraud',
] as const

export async function loadLinkByCode(db: Stores['db'], code: string): Promise<TrackedLink | null> {
  const row = await db
    .selectFrom('links')
    .innerJoin('programs', 'programs.id', 'links.program_id')
    .select(columns)
    .where('links.code', '=', code)
    .executeTakeFirst()
  return row ? toTrackedLink(row) : null
}

export async function loadLinkById(db: Stores['db'], id: number): Promise<TrackedLink | null> {
  const row = await db
    .selectFrom('links')
    .innerJoin('programs', 'programs.id', 'links.program_id')
    .select(columns)
    .where('links.id', '=', id)
    .executeTakeFirst()
  return row ? toTrackedLink(row) : null
}

function toTrackedLink(row: {
  id: number
  code: string
  program_id: string
  partner_id: string
  destination_url: string
  status: 'active' | 'paused'
  slug: string
  program_status: 'active' | 'paused' | 'archived'
  click_param: string
  allowed_domains: string[]
  deep_link_subdomains: boolean
  cookie_days: number
  fraud: Record<string, unknown>
}): TrackedLink {
  const landing = parseLanding(row.destination_url)
  return {
    id: row.id,
    code: row.code,
    programId: row.program_id,
    partnerId: row.partner_id,
    destinationUrl: row.destination_url,
    landing,
    active: row.status === 'active' && row.program_status === 'active' && landing !== null,
    click: clickTemplate(
      { id: row.id, programId: row.program_id, partnerId: row.partner_id },
      landing,
      row.click_param,
    ),
    program: {
      slug: row.slug,
      cookieName: cookieNameFor(row.slug),
      clickParam: row.click_param,
      allowedDomains: allowedDomains(row.allowed_domains, row.deep_link_subdomains),
      cookieDays: row.cookie_days,
      fraud: fraudConfigOf(row.fraud).config,
    },
  }
}

/** tdm_<program slug>, restricted to cookie-name-safe characters. */
export function cookieNameFor(slug: string): string {
  return `tdm_${slug.replace(/[^A-Za-z0-9_-]/g, '_')}`
}
