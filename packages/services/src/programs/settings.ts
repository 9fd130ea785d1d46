import {
  type AttributionSettings,
  defaultFraudConfig,
  type FraudConfig,
  mergeFraudConfig,
  type RoundingMode,
} from '@tandem/core'
import { z } from 'zod'

/**
 * A program's stored settings (programs.attribution and programs.fraud, jsonb), validated here
 * when a program is saved and again when it is loaded: a hand-edited row can never crash a click
 * or pay the wrong partner.
 */
export const attributionSettingsSchema = z.strictObject({
  model: z
    .enum(['last_click', 'first_click', 'linear', 'time_decay', 'position_based'])
    .default('last_click'),
  /** Days a click counts; defaults to the program's cookie days. */
  windowDays: z.number().int().min(0).max(3650).optional(),
  halfLifeDays: z.number().positive().max(3650).default(7),
  couponPrecedence: z.enum(['coupon_first', 'click_first']).default('coupon_first'),
  lifetimeMonths: z.union([z.number().int().min(0).max(1200), z.literal('forever'), z.null()]).default(null),
  selfReferral: z.enum(['block', 'flag', 'allow']).default('flag'),
})
export type StoredAttributionSettings = z.input<typeof attributionSettingsSchema>

/** A bot user-agent pattern: a case-insensitive regular expression that must compile. */
const pattern = z.string().min(1).max(200).refine(compiles, 'is not a valid regular expression')

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'i')
    return true
  } catch {
    return false
  }
}

const points = z.number().int().min(0).max(100)
const check = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ enabled: z.boolean(), ...shape }).partial()

/** programs.fraud: any part a program leaves out takes core's default. */
export const fraudSettingsSchema = z.strictObject({
  reviewScore: points.optional(),
  blockScore: points.optional(),
  botUserAgent: check({ points, extraPatterns: z.array(pattern).max(50), missingPoints: points }).optional(),
  clickFlood: check({
    points,
    maxClicksPerIpPerLink: z.number().int().min(1).max(100_000),
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  }).optional(),
  fastConversion: check({ points, minSeconds: z.number().int().min(0).max(86_400) }).optional(),
  selfReferral: check({ emailPoints: points, ipPoints: points }).optional(),
  duplicateOrder: check({ points }).optional(),
  couponLeak: check({
    points,
    maxUsesPerClick: z.number().min(0).max(10_000),
    minUses: z.number().int().min(0).max(1_000_000),
  }).optional(),
  conversionRateOutlier: check({
    points,
    maxRatio: z.number().min(0).max(1_000),
    minClicks: z.number().int().min(0).max(10_000_000),
  }).optional(),
})
export type StoredFraudSettings = z.input<typeof fraudSettingsSchema>

export class ProgramSettingsError extends Error {
  override name = 'ProgramSettingsError'
}

/** The program's attribution settings as core reads them; the window defaults to the cookie days. */
export function attributionSettingsOf(program: {
  slug: string
  cookie_days: number
  attribution: unknown
}): AttributionSettings {
  const parsed = attributionSettingsSchema.safeParse(program.attribution ?? {})
  if (!parsed.success) {
    throw new ProgramSettingsError(
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

/**
 * The program's fraud settings over core's defaults. A stored value that does not validate (only
 * a hand edit can make one: saving validates) falls back to the defaults rather than failing
 * clicks, and `invalid` says so for the caller to log.
 */
export function fraudConfigOf(stored: unknown): { config: FraudConfig; invalid: string | null } {
  const parsed = fraudSettingsSchema.safeParse(stored ?? {})
  if (!parsed.success) {
    return { config: defaultFraudConfig, invalid: parsed.error.issues[0]?.message ?? 'invalid' }
  }
  return { config: mergeFraudConfig(parsed.data), invalid: null }
}

export const roundingModeSchema = z.enum([
  'half-even',
  'half-up',
  'down',
  'up',
]) satisfies z.ZodType<RoundingMode>
