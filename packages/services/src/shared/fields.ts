import { supportedCurrencies } from '@tandem/core'
import { z } from 'zod'

/** Input fields several commands share: one definition each. */

const CURRENCIES = new Set(supportedCurrencies())
export const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter ISO 4217 code such as EUR')
  .transform((c) => c.toUpperCase())
  .refine((c) => CURRENCIES.has(c), 'is not an ISO 4217 currency code')

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** No lone UTF-16 surrogate: the text can be stored and sent as UTF-8. */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text)
}

/** Text a person typed: trimmed, no control characters, valid Unicode. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters')
    .refine(isWellFormed, 'must be valid Unicode')

export const requiredText = (max: number) => plainText(max).pipe(z.string().min(1, 'is required'))

export const uuid = z.uuid('must be an id')

/** A hostname, lower case: example.com, shop.example.org (no scheme, port or path). */
export const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
    'must be a host name such as shop.example.com (no scheme or path)',
  )

/** An absolute http(s) URL. */
export const httpUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol)
    } catch {
      return false
    }
  }, 'must be an http(s) URL')

/** Integer minor units, never negative. */
export const minorUnits = z.number().int('must be a whole number of minor units').min(0).max(100_000_000_000)

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email('must be an email address'))

/** Whether `host` is one of `allowed`, or (when subdomains are allowed) below one of them. */
export function hostAllowed(host: string, allowed: readonly string[], subdomains: boolean): boolean {
  const h = host.toLowerCase()
  return allowed.some((d) => h === d || (subdomains && h.endsWith(`.${d}`)))
}
