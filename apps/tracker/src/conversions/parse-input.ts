import { CoreError, formatMoney, type Money, moneyFromDecimal, supportedCurrencies } from '@tandem/core'
import { HARD_MAX_AMOUNT_MINOR } from '@tandem/services'
import { z } from 'zod'
import { badRequest } from '../http/http-error.ts'

/** Shared field rules for postbacks, the pixel and the JSON API. */
export const eventName = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1-64 letters, digits, _ . : or - (sale, lead, or a custom goal)')
export const orderId = z.string().min(1, 'is required').max(128, 'must be at most 128 characters')
const CURRENCIES = new Set(supportedCurrencies())
export const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter ISO 4217 code such as EUR')
  .transform((c) => c.toUpperCase())
  .refine((c) => CURRENCIES.has(c), 'is not an ISO 4217 currency code')
export const decimalAmount = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,4})?$/, 'must be a decimal amount such as 12.34 (a dot, no thousands separators)')
export const subId = z.string().max(255, 'must be at most 255 characters')
export const couponCode = z.string().min(1).max(64, 'must be at most 64 characters')
export const externalId = z.string().min(1).max(128, 'must be at most 128 characters')
export const email = z.string().max(254, 'must be at most 254 characters')
export const refundId = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1-128 printable ASCII characters')

/** Click ids: one, or several joined by '.' or ',' (what the snippet's cookie holds). */
export const clickIdList = z
  .string()
  .max(2100)
  .transform((s) =>
    s
      .split(/[.,]/)
      .map((id) => id.trim())
      .filter((id) => id.length > 0),
  )
  .refine((ids) => ids.length <= 20, 'at most 20 click ids')

export { hashEmail } from '@tandem/services'

/** Minor units in the JSON API: whole, not negative, at most the global ceiling. */
export const minorAmount = z
  .number()
  .int('must be a whole number of minor units')
  .min(0)
  .max(HARD_MAX_AMOUNT_MINOR, `must be at most ${HARD_MAX_AMOUNT_MINOR} minor units`)

/**
 * A decimal in major units as Money; core rejects unknown currencies and too many decimals, and
 * the global ceiling refuses amounts no order has (they would poison the partner's period sums).
 */
export function parseMoney(text: string, currency: string, field: string): Money {
  let value: Money
  try {
    value = moneyFromDecimal(text, currency)
  } catch (error) {
    if (error instanceof CoreError) throw badRequest(`${field}: ${error.message}`, error.code)
    throw error
  }
  if (value.amountMinor > HARD_MAX_AMOUNT_MINOR) {
    const ceiling = formatMoney({ amountMinor: HARD_MAX_AMOUNT_MINOR, currency })
    throw badRequest(`${field}: must be at most ${ceiling}`, 'amount_too_large')
  }
  return value
}
