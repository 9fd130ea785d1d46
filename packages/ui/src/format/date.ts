import { defaultLocale } from './locale.ts'

/** "2025-03-04" → "Mar 4" (calendar day, no time zone shift). */
export function formatDay(isoDay: string, locale: string = defaultLocale()): string {
  const date = dayToUtcDate(isoDay)
  if (!date) return isoDay
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date)
}

/** "2025-03-04" → "Mar 4, 2025". */
export function formatLongDay(isoDay: string, locale: string = defaultLocale()): string {
  const date = dayToUtcDate(isoDay)
  if (!date) return isoDay
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date)
}

/** An instant (ISO string, Date or epoch ms) in the reader's time zone: "Mar 4, 2025, 14:05". */
export function formatDateTime(value: string | number | Date, locale: string = defaultLocale()): string {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** The calendar day of an instant in the reader's time zone: "Mar 4, 2025". */
export function formatDate(value: string | number | Date, locale: string = defaultLocale()): string {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date)
}

function dayToUtcDate(isoDay: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay)
  if (!match) return undefined
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
}
