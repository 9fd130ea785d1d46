import { insertAuditRow, lockPartner, updatePartnerRow } from '@tandem/db'
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools'
import { z } from 'zod'
import { auditActor, type ServiceContext } from '../context.ts'
import { NotFoundError, parseInput } from '../errors.ts'
import { currencyCode, email, requiredText, uuid } from '../shared/fields.ts'

/** IBAN: spaces dropped, upper case, checked by ibantools (country format and ISO 13616 check digits). */
const iban = z
  .string()
  .transform((v) => electronicFormatIBAN(v) ?? '')
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/, 'must be an IBAN such as DE89 3704 0044 0532 0130 00')
      .refine((v) => isValidIBAN(v), 'is not a valid IBAN (check the digits and the country format)'),
  )

/** BIC / SWIFT code of 8 or 11 characters, checked by ibantools. */
const bic = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => isValidBIC(v), 'must be a BIC of 8 or 11 characters such as COBADEFFXXX')

/** What each payout method needs: one definition for saving details and for checking them at payout time. */
export const payoutDetailsSchemas = {
  paypal: z.strictObject({ email }),
  wise: z.strictObject({ email, accountHolder: requiredText(120).optional() }),
  bank_transfer: z.strictObject({ accountHolder: requiredText(120), iban, bic: bic.optional() }),
} as const

export type PayoutMethod = keyof typeof payoutDetailsSchemas

export const setPayoutDetailsInput = z.discriminatedUnion('method', [
  z.strictObject({
    partnerId: uuid,
    currency: currencyCode,
    method: z.literal('paypal'),
    details: payoutDetailsSchemas.paypal,
  }),
  z.strictObject({
    partnerId: uuid,
    currency: currencyCode,
    method: z.literal('wise'),
    details: payoutDetailsSchemas.wise,
  }),
  z.strictObject({
    partnerId: uuid,
    currency: currencyCode,
    method: z.literal('bank_transfer'),
    details: payoutDetailsSchemas.bank_transfer,
  }),
])
export type SetPayoutDetailsInput = z.input<typeof setPayoutDetailsInput>

/** JSON with sorted keys: jsonb does not keep the order the keys were written in. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
}

/**
 * Sets how a partner is paid: the method, its details (validated per method, so a payout never
 * goes to a half-filled account) and the currency. A partner acting alone can only set their own.
 * The audit row names the method, never the account details.
 */
export async function setPayoutDetails(
  ctx: ServiceContext,
  raw: SetPayoutDetailsInput,
): Promise<{ changed: boolean }> {
  const input = parseInput(setPayoutDetailsInput, raw)
  if (ctx.actor.type === 'partner' && ctx.actor.id !== input.partnerId) {
    throw new NotFoundError('partner', input.partnerId)
  }
  return ctx.db.transaction().execute(async (trx) => {
    const partner = await lockPartner(trx, input.partnerId)
    if (!partner) throw new NotFoundError('partner', input.partnerId)
    const same =
      partner.payout_method === input.method &&
      partner.payout_currency?.trim() === input.currency &&
      canonical(partner.payout_details) === canonical(input.details)
    if (same) return { changed: false }
    await updatePartnerRow(trx, partner.id, {
      payout_method: input.method,
      payout_details: JSON.stringify(input.details),
      payout_currency: input.currency,
    })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'partner.payout_details_set',
      entityType: 'partner',
      entityId: partner.id,
      data: { from_method: partner.payout_method, method: input.method, currency: input.currency },
    })
    return { changed: true }
  })
}
