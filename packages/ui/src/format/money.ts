import { currencyDecimals, formatMoney as formatCoreMoney, type Money, moneyToDecimal } from '@tandem/core'
import { defaultLocale } from './locale.ts'

export type { Money }

/**
 * Display text for an amount held as integer minor units. The number of decimals comes from
 * core's ISO 4217 table (JPY 0, EUR 2, KWD 3), not from Intl, whose CLDR digits differ for a
 * few codes (IQD); the amount is formatted from an exact decimal string, never a float.
 */
export function formatMoney(value: Money, locale: string = defaultLocale()): string {
  try {
    return formatCoreMoney(value, { locale })
  } catch {
    // An unknown code must not break a page: show the raw minor units, labelled as such.
    return `${value.amountMinor} ${value.currency} (minor units)`
  }
}

/** Amounts sorted by currency code, so several currencies always show in the same order. */
export function sortByCurrency(values: readonly Money[]): Money[] {
  return [...values].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))
}

/**
 * Machine-readable form for `data-value` attributes: "EUR:1234500;USD:100" (sorted by currency;
 * "" for no amounts). End-to-end tests compare it with the database, so it keeps minor units.
 */
export function moneyDataValue(values: readonly Money[]): string {
  return sortByCurrency(values)
    .map((value) => `${value.currency}:${value.amountMinor}`)
    .join(';')
}

/** Minor units as a plain number of major units (for chart axes only, where a float is fine). */
export function minorToMajor(amountMinor: number, currency: string): number {
  try {
    return Number(moneyToDecimal({ amountMinor, currency }))
  } catch {
    return amountMinor
  }
}

/** Short money for chart axes, from minor units: 123456789 EUR → "€1.2M". */
export function formatCompactMoney(
  amountMinor: number,
  currency: string,
  locale: string = defaultLocale(),
): string {
  const major = minorToMajor(amountMinor, currency)
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(major)
  } catch {
    return `${major} ${currency}`
  }
}

/** Decimals of a currency, or 2 when the code is unknown (for axis tick formatting only). */
export function displayDecimals(currency: string): number {
  try {
    return currencyDecimals(currency)
  } catch {
    return 2
  }
}
