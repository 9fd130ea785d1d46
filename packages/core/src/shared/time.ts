import { InvalidInputError } from '../errors.ts'

export const DAY_MS = 86_400_000

/** A Date that holds a time (not an Invalid Date). */
export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime())
}

/** Throws unless `value` is a valid Date (core never reads the clock: time is passed in). */
export function assertDate(value: unknown, what: string): Date {
  if (!isValidDate(value)) {
    throw new InvalidInputError(`${what} must be a valid Date, got ${String(value)}`)
  }
  return value
}

/** Calendar months later in UTC; the day is clamped (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsUtc(date: Date, months: number): Date {
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth() + months
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const day = Math.min(date.getUTCDate(), lastDay)
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  )
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS)
}

/** "2024-05-01" (UTC) for explanations. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Whole days from `from` to `to`, rounded down (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS)
}
