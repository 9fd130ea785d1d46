import { insertAuditRow, lockPartner, lockPartnerProfile, upsertPartnerProfile } from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext } from '../context.ts'
import { NotFoundError, parseInput } from '../errors.ts'
import { plainText, requiredText, uuid } from '../shared/fields.ts'

const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be a 2-letter country code')
  .transform((c) => c.toUpperCase())

export const addressSchema = z.strictObject({
  line1: requiredText(200),
  line2: plainText(200).optional(),
  city: requiredText(100),
  postalCode: requiredText(20),
  region: plainText(100).optional(),
  country,
})

/**
 * Tax details as structured fields: the country of tax residence, an EU-style VAT id, and the
 * US declaration that applies (W-9 for US persons, W-8BEN for others), certified by name and date.
 */
export const taxSchema = z
  .strictObject({
    country,
    /** VAT id: two letters then 2-13 letters or digits (DE123456789, FRXX999999999). */
    vatId: z
      .string()
      .transform((v) => v.replace(/[\s.-]/g, '').toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}[A-Z0-9]{2,13}$/, 'must be a VAT id such as DE123456789'))
      .optional(),
    form: z.enum(['none', 'w9', 'w8ben']),
    entityType: z.enum(['individual', 'business']),
    /** Name as on the tax return. */
    taxName: requiredText(200),
    /** W-9: SSN or EIN; W-8BEN: the foreign tax id. Digits and letters only. */
    tin: z
      .string()
      .transform((v) => v.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^[A-Za-z0-9]{4,20}$/, 'must be 4-20 letters or digits'))
      .optional(),
    tinType: z.enum(['ssn', 'ein', 'foreign']).optional(),
    /** W-8BEN: the treaty country claimed (if any). */
    treatyCountry: country.optional(),
    /** The person certifying the declaration, typing their name. */
    certifiedBy: requiredText(200).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.form === 'none') return
    if (!t.tin) ctx.addIssue({ code: 'custom', path: ['tin'], message: 'is required for the declaration' })
    if (!t.certifiedBy)
      ctx.addIssue({ code: 'custom', path: ['certifiedBy'], message: 'sign with your full name' })
    if (t.form === 'w9' && t.country !== 'US') {
      ctx.addIssue({ code: 'custom', path: ['form'], message: 'W-9 is for US persons: choose W-8BEN' })
    }
    if (t.form === 'w8ben' && t.country === 'US') {
      ctx.addIssue({ code: 'custom', path: ['form'], message: 'W-8BEN is for non-US persons: choose W-9' })
    }
  })

export const NOTIFICATION_KEYS = ['newConversion', 'conversionApproved', 'payoutSent', 'programNews'] as const
export const notificationsSchema = z.strictObject(
  Object.fromEntries(NOTIFICATION_KEYS.map((k) => [k, z.boolean()])) as Record<
    (typeof NOTIFICATION_KEYS)[number],
    z.ZodBoolean
  >,
)

export const setPartnerProfileInput = z.strictObject({
  partnerId: uuid,
  legalName: plainText(200).nullable().optional(),
  address: addressSchema.nullable().optional(),
  tax: taxSchema.nullable().optional(),
  notifications: notificationsSchema.optional(),
  /** The name shown on program leaderboards; null: not shown by name. */
  leaderboardName: plainText(60).nullable().optional(),
})

/**
 * Saves the parts of a partner's profile given (legal name and address, tax details,
 * notification preferences, leaderboard name). A partner acting alone sets only their own; the
 * audit row names which parts changed, never their contents.
 */
export async function setPartnerProfile(
  ctx: ServiceContext,
  raw: z.input<typeof setPartnerProfileInput>,
): Promise<{ changed: string[] }> {
  const input = parseInput(setPartnerProfileInput, raw)
  if (ctx.actor.type === 'partner' && ctx.actor.id !== input.partnerId) {
    throw new NotFoundError('partner', input.partnerId)
  }
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await lockPartner(trx, input.partnerId))) throw new NotFoundError('partner', input.partnerId)
    const before = await lockPartnerProfile(trx, input.partnerId)
    const patch: Parameters<typeof upsertPartnerProfile>[2] = {}
    if (input.legalName !== undefined) patch.legal_name = input.legalName || null
    if (input.address !== undefined) patch.address = input.address
    if (input.tax !== undefined) {
      patch.tax = input.tax
        ? { ...input.tax, certifiedAt: input.tax.form === 'none' ? null : ctx.now().toISOString() }
        : null
    }
    if (input.notifications !== undefined) patch.notifications = input.notifications
    if (input.leaderboardName !== undefined) patch.leaderboard_name = input.leaderboardName || null
    const changed = Object.keys(patch).filter(
      (k) =>
        JSON.stringify((before as Record<string, unknown> | undefined)?.[k] ?? null) !==
        JSON.stringify(patch[k as keyof typeof patch] ?? null),
    )
    if (changed.length === 0) return { changed }
    await upsertPartnerProfile(trx, input.partnerId, patch, ctx.now())
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'partner.profile_set',
      entityType: 'partner',
      entityId: input.partnerId,
      data: { parts: changed },
    })
    return { changed }
  })
}
