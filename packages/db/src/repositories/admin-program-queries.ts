import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/** A program's settings as the admin portal edits them (credentials are read apart). */
export interface ProgramDetail {
  id: string
  slug: string
  name: string
  kind: 'affiliate' | 'referral'
  status: 'active' | 'paused' | 'archived'
  currency: string
  clickParam: string
  cookieDays: number
  holdDays: number
  roundingMode: 'half-even' | 'half-up' | 'down' | 'up'
  attribution: Record<string, unknown>
  fraud: Record<string, unknown>
  rewards: Record<string, unknown> | null
  allowedDomains: string[]
  deepLinkSubdomains: boolean
  defaultLandingUrl: string
  payoutThresholdMinor: number
  payoutSchedule: 'manual' | 'weekly' | 'monthly'
  pixelConversions: 'on' | 'confirm' | 'off'
  maxConversionAmountMinor: number | null
  rejectedClicks: 'keep_unattributed' | 'refuse'
  createdAt: Date
  updatedAt: Date
}

export async function findProgramDetail(db: Kysely<Database>, id: string): Promise<ProgramDetail | null> {
  const r = await db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst()
  if (!r) return null
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    status: r.status,
    currency: r.currency.trim(),
    clickParam: r.click_param,
    cookieDays: r.cookie_days,
    holdDays: r.hold_days,
    roundingMode: r.rounding_mode,
    attribution: r.attribution ?? {},
    fraud: r.fraud ?? {},
    rewards: r.rewards,
    allowedDomains: r.allowed_domains,
    deepLinkSubdomains: r.deep_link_subdomains,
    defaultLandingUrl: r.default_landing_url,
    payoutThresholdMinor: r.payout_threshold_minor,
    payoutSchedule: r.payout_schedule,
    pixelConversions: r.pixel_conversions,
    maxConversionAmountMinor: r.max_conversion_amount_minor,
    rejectedClicks: r.rejected_clicks,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

/** The postback credentials of a program, and the previous ones while their grace period lasts. */
export interface ProgramCredentials {
  slug: string
  clickParam: string
  postbackToken: string
  postbackHmacSecret: string
  previous: { postbackToken: string; postbackHmacSecret: string; validUntil: Date } | null
}

export async function findProgramCredentials(
  db: Kysely<Database>,
  id: string,
  now: Date,
): Promise<ProgramCredentials | null> {
  const r = await db
    .selectFrom('programs')
    .select([
      'slug',
      'click_param',
      'postback_token',
      'postback_hmac_secret',
      'postback_token_previous',
      'postback_hmac_secret_previous',
      'postback_previous_expires_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!r) return null
  const live =
    r.postback_token_previous &&
    r.postback_hmac_secret_previous &&
    r.postback_previous_expires_at &&
    r.postback_previous_expires_at > now
  return {
    slug: r.slug,
    clickParam: r.click_param,
    postbackToken: r.postback_token,
    postbackHmacSecret: r.postback_hmac_secret,
    previous: live
      ? {
          postbackToken: r.postback_token_previous!,
          postbackHmacSecret: r.postback_hmac_secret_previous!,
          validUntil: r.postback_previous_expires_at!,
        }
      : null,
  }
}
