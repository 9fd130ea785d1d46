import { defaultLocale } from './locale.ts'

const counts = new Map<string, Intl.NumberFormat>()

/** A whole count with grouping: 12345 → "12,345" (en-US). */
export function formatCount(value: number, locale: string = defaultLocale()): string {
  let format = counts.get(locale)
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
    counts.set(locale, format)
  }
  return format.format(value)
}

/** Short count for chart axes: 1200 → "1.2K". */
export function formatCompact(value: number, locale: string = defaultLocale()): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
}

/** A share as a percentage with one decimal: 0.1234 → "12.3%"; "—" when there is nothing to divide. */
export function formatRate(numerator: number, denominator: number, locale: string = defaultLocale()): string {
  if (denominator <= 0) return '—'
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
    numerator / denominator,
  )
}
