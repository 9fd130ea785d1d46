import { z } from 'zod'

/** Money as the API carries it: integer minor units + ISO 4217 code (never a float). */
export const moneySchema = z.object({
  amountMinor: z.number().int(),
  currency: z.string().length(3),
})
export type Money = z.infer<typeof moneySchema>

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

/**
 * The days a report may name. ClickHouse's Date starts at 1970-01-01 and Postgres has no year 0;
 * nothing in Tandem happened before 1970 or is planned after 2099.
 */
export const FIRST_DAY = '1970-01-01'
export const LAST_DAY = '2099-12-31'

/** A calendar day in UTC, 'YYYY-MM-DD', FIRST_DAY…LAST_DAY; rejects impossible dates like 2025-02-30. */
export const daySchema = z
  .string()
  .regex(DAY_RE, 'Dates must look like YYYY-MM-DD')
  .refine((v) => {
    const t = Date.parse(`${v}T00:00:00Z`)
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v
  }, 'Not a real calendar date')
  .refine((v) => v >= FIRST_DAY && v <= LAST_DAY, `Dates must be between ${FIRST_DAY} and ${LAST_DAY}`)

/** Control characters (C0, DEL, C1: Unicode's Cc) and lone UTF-16 surrogates (Cs). */
const CONTROL_OR_SURROGATE = /[\p{Cc}\p{Cs}]/u
const LONE_SURROGATE = /\p{Cs}/u

/** Text a client may send for Postgres (search terms, names): trimmed, no control characters. */
export function textSchema(max: number) {
  return z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine(
      (v) => !CONTROL_OR_SURROGATE.test(v),
      'Must not contain control characters or broken (unpaired surrogate) characters',
    )
}

/** True when Postgres can store the text: NUL cannot be in a text value, a lone surrogate is no character. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value)
}

/** Longest range a report may ask for: keeps byDay and the scans bounded. */
export const MAX_RANGE_DAYS = 731

/** from ≤ to, both inclusive UTC days, at most MAX_RANGE_DAYS long. */
export const dayRangeShape = { from: daySchema, to: daySchema }
export function checkDayRange(value: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (value.to < value.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" must be on or after "from"' })
    return
  }
  const days = (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000 + 1
  if (days > MAX_RANGE_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `A range can cover at most ${MAX_RANGE_DAYS} days`,
    })
  }
}

export const uuidSchema = z.uuid('Not a valid id')

export const INVALID_CURSOR = 'The page cursor is not valid: start from the first page'

/** Page size and opaque cursor (from the previous page's nextCursor: base64url) for list procedures. */
export const pageShape = {
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .max(500, INVALID_CURSOR)
    .regex(/^[A-Za-z0-9_-]*$/, INVALID_CURSOR)
    .nullish(),
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}

/** A point in time as an ISO 8601 UTC string. */
export const instantSchema = z.iso.datetime()
