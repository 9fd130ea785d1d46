import { z } from 'zod'

/** Money as the API carries it: integer minor units + ISO 4217 code (never a float). */
export const moneySchema = z.object({
  amountMinor: z.number().int(),
  currency: z.string().length(3),
})
export type Money = z.infer<typeof moneySchema>

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/

/** A calendar day in UTC, 'YYYY-MM-DD'; rejects impossible dates like 2025-02-30. */
export const daySchema = z
  .string()
  .regex(DAY_RE, 'Dates must look like YYYY-MM-DD')
  .refine((v) => {
    const t = Date.parse(`${v}T00:00:00Z`)
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v
  }, 'Not a real calendar date')

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

/** Page size and opaque cursor (from the previous page's nextCursor) for list procedures. */
export const pageShape = {
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).nullish(),
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() })
}

/** A point in time as an ISO 8601 UTC string. */
export const instantSchema = z.iso.datetime()
