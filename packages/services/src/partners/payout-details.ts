import { insertAuditRow, lockPartner, updatePartnerRow } from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext } from '../context.ts'
import { NotFoundError, parseInput } from '../errors.ts'
import { currencyCode, email, requiredText, uuid } from '../shared/fields.ts'

/** IBAN: 15-34 letters and digits (spaces dropped, upper case) with valid ISO 13616 check digits. */
const iban = z
  .string()
  .transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/, 'must be an IBAN such as DE89 3704 0044 0532 0130 00')
      .refine(ibanChecksumValid, 'has wrong check digits'),
  )

function ibanChecksumValid(value: string): boolean {
  // Country and check digits move to the end, letters become 10…35, and the number mod 97 is 1.
  const rearranged = value.slice(4) + value.slice(0, 4)
  let remainder = 0
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97
  }
  return remainder === 1
}

const bic = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'must be a BIC of 8 or 11 characters')

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
