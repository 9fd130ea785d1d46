import type { AttributionSettings, RoundingMode } from '@tandem/core'
import type { Stores } from '@tandem/db'
import { z } from 'zod'
import { HttpError } from '../http/http-error.ts'

/** The program fields conversions need. */
export interface ProgramRow {
  id: string
  slug: string
  kind: 'affiliate' | 'referral'
  status: 'active' | 'paused' | 'archived'
  currency: string
  cookie_days: number
  hold_days: number
  rounding_mode: RoundingMode
  attribution: Record<string, unknown>
  fraud: Record<string, unknown>
  postback_token: string
  postback_hmac_secret: string
  /** Client-side conversions: 'on', 'confirm' (earn only once the server sends the order) or 'off'. */
  pixel_conversions: 'on' | 'confirm' | 'off'
  /** Largest amount of one conversion in the program's currency (null: the global ceiling). */
  max_conversion_amount_minor: number | null
  /** A conversion whose click ids were all refused: kept unattributed, or refused (422). */
  rejected_clicks: 'keep_unattributed' | 'refuse'
}

const columns = [
  'id',
  'slug',
  'kind',
  'status',
  'currency',
  'cookie_days',
  'hold_days',
  'rounding_mode',
  'attribution',
  'fraud',
  'postback_token',
  'postback_hmac_secret',
  'pixel_conversions',
  'max_conversion_amount_minor',
  'rejected_clicks',
] as const

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A program by slug or id; null when there is none (the caller answers 404). */
export async function loadProgram(
  db: Stores['db'],
  ref: { slug: string } | { id: string },
): Promise<ProgramRow | null> {
  if ('id' in ref && !UUID.test(ref.id)) return null
  const query = db.selectFrom('programs').select(columns)
  const row = await ('slug' in ref
    ? query.where('slug', '=', ref.slug)
    : query.where('id', '=', ref.id)
  ).executeTakeFirst()
  if (!row) return null
  return { ...row, currency: row.currency.trim() }
}

const settingsSchema = z.object({
  model: z
    .enum(['last_click', 'first_click', 'linear', 'time_decay', 'position_based'])
    .default('last_click'),
  windowDays: z.number().int().min(0).optional(),
  halfLifeDays: z.number().positive().default(7),
  couponPrecedence: z.enum(['coupon_first', 'click_first']).default('coupon_first'),
  lifetimeMonths: z.union([z.number().int().min(0), z.literal('forever'), z.null()]).default(null),
  selfReferral: z.enum(['block', 'flag', 'allow']).default('flag'),
})

/**
 * programs.attribution (jsonb) as core's AttributionSettings; the window defaults to the program's
 * cookie days. A malformed stored value is a configuration error the merchant must hear about:
 * guessing an attribution model would pay the wrong partner.
 */
export function attributionSettings(program: ProgramRow): AttributionSettings {
  const parsed = settingsSchema.safeParse(program.attribution ?? {})
  if (!parsed.success) {
    throw new HttpError(
      422,
      'program_misconfigured',
      `Program ${program.slug} has invalid attribution settings (${parsed.error.issues[0]?.message ?? 'invalid'}): fix them in the admin portal, then resend`,
    )
  }
  const s = parsed.data
  return {
    model: s.model,
    windowDays: s.windowDays ?? program.cookie_days,
    halfLifeDays: s.halfLifeDays,
    couponPrecedence: s.couponPrecedence,
    lifetimeMonths: s.lifetimeMonths,
    selfReferral: s.selfReferral,
  }
}
