import { randomBytes } from 'node:crypto'
import { insertAuditRow, insertProgram, lockProgram, updateProgramRow } from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext } from '../context.ts'
import {
  ConflictError,
  IllegalTransitionError,
  InvalidInputError,
  NotFoundError,
  parseInput,
} from '../errors.ts'
import {
  currencyCode,
  hostAllowed,
  hostname,
  httpUrl,
  minorUnits,
  requiredText,
  uuid,
} from '../shared/fields.ts'
import { attributionSettingsSchema, fraudSettingsSchema, roundingModeSchema } from './settings.ts'

const settingsShape = {
  name: requiredText(120),
  cookieDays: z.number().int().min(1).max(3650),
  holdDays: z.number().int().min(0).max(365),
  roundingMode: roundingModeSchema,
  attribution: attributionSettingsSchema,
  fraud: fraudSettingsSchema,
  allowedDomains: z.array(hostname).min(1, 'name at least one domain').max(50),
  deepLinkSubdomains: z.boolean(),
  defaultLandingUrl: httpUrl,
  payoutThresholdMinor: minorUnits,
  /** manual, or a batch planned each week / month by the scheduled-payouts job. */
  payoutSchedule: z.enum(['manual', 'weekly', 'monthly']),
  pixelConversions: z.enum(['on', 'confirm', 'off']),
  maxConversionAmountMinor: z.number().int().min(1).max(100_000_000_000).nullable(),
  rejectedClicks: z.enum(['keep_unattributed', 'refuse']),
  clickParam: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be 1-32 lower-case letters, digits or _'),
  /** Referral programs: the reward configuration core's evaluateReferralRewards reads. */
  rewards: z.record(z.string(), z.unknown()).nullable(),
  /** The public join page: what the program is and its terms (migration 0009). */
  description: z.string().max(4000).nullable(),
  terms: z.string().max(20_000).nullable(),
  /** Applications from the join page: reviewed by a manager, approved at once, or not taken. */
  applications: z.enum(['review', 'auto', 'closed']),
  /** Referral programs: ambassadors see a leaderboard (names only of those who consent). */
  leaderboard: z.boolean(),
}

export const createProgramInput = z.strictObject({
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/, 'must be 3-48 lower-case letters, digits or dashes'),
  kind: z.enum(['affiliate', 'referral']),
  currency: currencyCode,
  name: settingsShape.name,
  allowedDomains: settingsShape.allowedDomains,
  defaultLandingUrl: settingsShape.defaultLandingUrl,
  cookieDays: settingsShape.cookieDays.default(30),
  holdDays: settingsShape.holdDays.default(30),
  roundingMode: settingsShape.roundingMode.default('half-even'),
  attribution: settingsShape.attribution.prefault({}),
  fraud: settingsShape.fraud.prefault({}),
  deepLinkSubdomains: settingsShape.deepLinkSubdomains.default(false),
  payoutThresholdMinor: settingsShape.payoutThresholdMinor.default(5000),
  payoutSchedule: settingsShape.payoutSchedule.default('manual'),
  pixelConversions: settingsShape.pixelConversions.default('on'),
  maxConversionAmountMinor: settingsShape.maxConversionAmountMinor.default(null),
  rejectedClicks: settingsShape.rejectedClicks.default('keep_unattributed'),
  clickParam: settingsShape.clickParam.default('tclid'),
  rewards: settingsShape.rewards.default(null),
})
export type CreateProgramInput = z.input<typeof createProgramInput>

export const updateProgramInput = z.strictObject({
  programId: uuid,
  ...Object.fromEntries(Object.entries(settingsShape).map(([k, v]) => [k, v.optional()])),
}) as z.ZodType<
  { programId: string } & Partial<{ [K in keyof typeof settingsShape]: z.output<(typeof settingsShape)[K]> }>
>
export type UpdateProgramInput = z.input<typeof updateProgramInput>

export interface CreatedProgram {
  id: string
  slug: string
  /** Shown once here (and on rotation): the merchant puts them in their postback configuration. */
  postbackToken: string
  postbackHmacSecret: string
}

export function newPostbackToken(): string {
  return `tok_${randomBytes(24).toString('base64url')}`
}

export function newHmacSecret(): string {
  return randomBytes(32).toString('hex')
}

function checkLanding(url: string, domains: readonly string[], subdomains: boolean): void {
  const host = new URL(url).hostname
  if (!hostAllowed(host, domains, subdomains)) {
    throw new InvalidInputError(
      `defaultLandingUrl: ${host} is not one of the program's allowed domains (${domains.join(', ')})`,
    )
  }
}

/** Creates a program with fresh postback credentials (CSPRNG) and an audit row. */
export async function createProgram(ctx: ServiceContext, raw: CreateProgramInput): Promise<CreatedProgram> {
  const input = parseInput(createProgramInput, raw)
  checkLanding(input.defaultLandingUrl, input.allowedDomains, input.deepLinkSubdomains)
  const postbackToken = newPostbackToken()
  const postbackHmacSecret = newHmacSecret()
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now()
    const created = await insertProgram(trx, {
      slug: input.slug,
      name: input.name,
      kind: input.kind,
      currency: input.currency,
      click_param: input.clickParam,
      cookie_days: input.cookieDays,
      hold_days: input.holdDays,
      rounding_mode: input.roundingMode,
      attribution: JSON.stringify(input.attribution),
      fraud: JSON.stringify(input.fraud),
      rewards: input.rewards === null ? null : JSON.stringify(input.rewards),
      allowed_domains: input.allowedDomains,
      deep_link_subdomains: input.deepLinkSubdomains,
      default_landing_url: input.defaultLandingUrl,
      postback_token: postbackToken,
      postback_hmac_secret: postbackHmacSecret,
      payout_threshold_minor: input.payoutThresholdMinor,
      payout_schedule: input.payoutSchedule,
      pixel_conversions: input.pixelConversions,
      max_conversion_amount_minor: input.maxConversionAmountMinor,
      rejected_clicks: input.rejectedClicks,
      created_at: now,
      updated_at: now,
    })
    if (!created) throw new ConflictError(`A program with the slug ${input.slug} exists already`)
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'program.created',
      entityType: 'program',
      entityId: created.id,
      data: { slug: input.slug, kind: input.kind, currency: input.currency },
    })
    return { id: created.id, slug: input.slug, postbackToken, postbackHmacSecret }
  })
}

const COLUMN: Record<string, string> = {
  name: 'name',
  cookieDays: 'cookie_days',
  holdDays: 'hold_days',
  roundingMode: 'rounding_mode',
  attribution: 'attribution',
  fraud: 'fraud',
  allowedDomains: 'allowed_domains',
  deepLinkSubdomains: 'deep_link_subdomains',
  defaultLandingUrl: 'default_landing_url',
  payoutThresholdMinor: 'payout_threshold_minor',
  payoutSchedule: 'payout_schedule',
  pixelConversions: 'pixel_conversions',
  maxConversionAmountMinor: 'max_conversion_amount_minor',
  rejectedClicks: 'rejected_clicks',
  clickParam: 'click_param',
  rewards: 'rewards',
  description: 'description',
  terms: 'terms',
  applications: 'applications',
  leaderboard: 'leaderboard',
}
const JSON_COLUMNS = new Set(['attribution', 'fraud', 'rewards'])

/** Changes a program's settings; the audit row records each field's old and new value. */
export async function updateProgram(ctx: ServiceContext, raw: UpdateProgramInput): Promise<void> {
  const input = parseInput(updateProgramInput, raw)
  await ctx.db.transaction().execute(async (trx) => {
    const program = await lockProgram(trx, input.programId)
    if (!program) throw new NotFoundError('program', input.programId)
    if (program.status === 'archived')
      throw new IllegalTransitionError('An archived program cannot be changed')
    const domains = input.allowedDomains ?? program.allowed_domains
    const subdomains = input.deepLinkSubdomains ?? program.deep_link_subdomains
    checkLanding(input.defaultLandingUrl ?? program.default_landing_url, domains, subdomains)
    const patch: Record<string, unknown> = {}
    const changes: Record<string, { from: unknown; to: unknown }> = {}
    for (const [key, column] of Object.entries(COLUMN)) {
      const value = (input as Record<string, unknown>)[key]
      if (value === undefined) continue
      const before = (program as Record<string, unknown>)[column]
      if (JSON.stringify(before) === JSON.stringify(value)) continue
      patch[column] = JSON_COLUMNS.has(column) && value !== null ? JSON.stringify(value) : value
      changes[key] = { from: before, to: value }
    }
    if (Object.keys(patch).length === 0) return
    await updateProgramRow(trx, program.id, { ...patch, updated_at: ctx.now() })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'program.updated',
      entityType: 'program',
      entityId: program.id,
      data: { changes },
    })
  })
}

/** Archives a program: its links stop redirecting and it takes no new conversions. */
export async function setProgramStatus(
  ctx: ServiceContext,
  raw: { programId: string; status: 'active' | 'paused' | 'archived' },
): Promise<void> {
  const input = parseInput(
    z.strictObject({ programId: uuid, status: z.enum(['active', 'paused', 'archived']) }),
    raw,
  )
  await ctx.db.transaction().execute(async (trx) => {
    const program = await lockProgram(trx, input.programId)
    if (!program) throw new NotFoundError('program', input.programId)
    if (program.status === input.status) return
    if (program.status === 'archived') throw new IllegalTransitionError('An archived program stays archived')
    await updateProgramRow(trx, program.id, { status: input.status, updated_at: ctx.now() })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: `program.${input.status === 'active' ? 'activated' : input.status}`,
      entityType: 'program',
      entityId: program.id,
      data: { from: program.status, to: input.status },
    })
  })
}

/**
 * New postback token and HMAC secret; the previous ones keep working for `graceHours` (so the
 * merchant can switch without losing postbacks). The new values are returned once.
 */
export async function rotatePostbackCredentials(
  ctx: ServiceContext,
  raw: { programId: string; graceHours?: number },
): Promise<{ postbackToken: string; postbackHmacSecret: string; previousValidUntil: Date }> {
  const input = parseInput(
    z.strictObject({
      programId: uuid,
      graceHours: z
        .number()
        .min(0)
        .max(24 * 30)
        .default(24),
    }),
    raw,
  )
  return ctx.db.transaction().execute(async (trx) => {
    const program = await lockProgram(trx, input.programId)
    if (!program) throw new NotFoundError('program', input.programId)
    const now = ctx.now()
    const previousValidUntil = new Date(now.getTime() + input.graceHours * 3_600_000)
    const postbackToken = newPostbackToken()
    const postbackHmacSecret = newHmacSecret()
    await updateProgramRow(trx, program.id, {
      postback_token: postbackToken,
      postback_hmac_secret: postbackHmacSecret,
      postback_token_previous: program.postback_token,
      postback_hmac_secret_previous: program.postback_hmac_secret,
      postback_previous_expires_at: previousValidUntil,
      updated_at: now,
    })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'program.postback_credentials_rotated',
      entityType: 'program',
      entityId: program.id,
      data: { previous_valid_until: previousValidUntil.toISOString() },
    })
    return { postbackToken, postbackHmacSecret, previousValidUntil }
  })
}
