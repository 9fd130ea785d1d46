import { InvalidInputError } from '../errors.ts'
import { currencyDecimals, type Money } from './money.ts'

/** How formatMoney() renders an amount. */
export interface FormatMoneyOptions {
  /** A BCP 47 locale ('de-DE'): Intl currency formatting. Absent: the explanation form "1,234.56 EUR". */
  readonly locale?: string
}

const formatters = new Map<string, Intl.NumberFormat>()

function formatter(locale: string, currency: string, decimals: number): Intl.NumberFormat {
  const key = `${locale}|${currency}`
  let cached = formatters.get(key)
  if (!cached) {
    try {
      cached = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      })
    } catch (error) {
      // Intl throws a RangeError; callers handle CoreErrors (a 4xx at the edge).
      throw new InvalidInputError(
        `Invalid locale ${JSON.stringify(locale)}: use a BCP 47 tag such as 'de-DE' (${error instanceof Error ? error.message : String(error)})`,
        { locale },
      )
    }
    formatters.set(key, cached)
  }
  return cached
}

const UNIT = [1, 10, 100, 1_000, 10_000]

/** Built once, because explanations format many amounts: "0" … "999" and ".0" … ".999". */
const DIGITS: readonly string[] = Array.from({ length: 1_000 }, (_, n) => String(n))
const FRACTIONS: readonly (readonly string[])[] = [0, 1, 2, 3].map((decimals) =>
  decimals === 0
    ? ['']
    : Array.from({ length: 10 ** decimals }, (_, rest) => `.${String(rest).padStart(decimals, '0')}`),
)

/** What formatMinor needs about a currency, built on its first use. */
interface CurrencyText {
  readonly decimals: number
  /** Minor units per major unit. */
  readonly unit: number
  /** ".00 EUR" … ".99 EUR" (" JPY" for a currency without decimals; empty beyond 3 decimals). */
  readonly suffixes: readonly string[]
}

const CURRENCY_TEXTS = new Map<string, CurrencyText>()

function currencyText(currency: string): CurrencyText {
  // Programs use one or two currencies: remembering the last answer skips most map lookups.
  if (currency === lastCurrency && lastText) return lastText
  let text = CURRENCY_TEXTS.get(currency)
  if (!text) {
    const decimals = currencyDecimals(currency) // throws for an unknown code, which is never kept
    const suffixes = (FRACTIONS[decimals] ?? []).map((fraction) => `${fraction} ${currency}`)
    text = { decimals, unit: UNIT[decimals]!, suffixes }
    CURRENCY_TEXTS.set(currency, text)
  }
  lastCurrency = currency
  lastText = text
  return text
}

let lastCurrency = ''
let lastText: CurrencyText | undefined

/** 1234567 → "1,234,567" */
function groupThousands(whole: number): string {
  if (whole < 1_000) return DIGITS[whole] ?? String(whole)
  const digits = String(whole)
  let end = digits.length % 3 || 3
  let out = digits.slice(0, end)
  for (; end < digits.length; end += 3) out += `,${digits.slice(end, end + 3)}`
  return out
}

/** ".cc" of the minor units below one major unit ("" for currencies without decimals). */
function fractionText(rest: number, decimals: number): string {
  return FRACTIONS[decimals]?.[rest] ?? `.${String(rest).padStart(decimals, '0')}`
}

/**
 * Human text for an amount.
 * - without a locale: a fixed, locale-independent form used in explanations: "1,234.56 EUR", "500 JPY", "-3.000 KWD"
 * - with `{ locale }`: Intl currency formatting ("1.234,56 €" for 'de-DE'), exact (formats the decimal
 *   string, not a float). An invalid locale is an InvalidInputError.
 * Options are an object, so the array index that `amounts.map(formatMoney)` passes cannot pass for
 * a locale (TypeScript rejects that call; at run time the index is ignored).
 */
export function formatMoney(value: Money, options?: FormatMoneyOptions): string {
  const locale = localeOf(options)
  if (locale === undefined) return formatMinor(value.amountMinor, value.currency)
  const decimals = currencyDecimals(value.currency)
  const minor = value.amountMinor
  const magnitude = minor < 0 ? -minor : minor
  // Integer arithmetic only: remainder first, so the division is exact even near 2^53.
  const rest = magnitude % UNIT[decimals]!
  const whole = (magnitude - rest) / UNIT[decimals]!
  const text = `${minor < 0 ? '-' : ''}${whole}${fractionText(rest, decimals)}`
  // Intl accepts exact decimal strings (ES2023), so large amounts never pass through a float.
  return formatter(locale, value.currency, decimals).format(text as unknown as number)
}

/**
 * The locale of formatMoney()'s options. TypeScript rejects `amounts.map(formatMoney)`; plain
 * JavaScript passes the array index, which is not an option and is ignored.
 */
function localeOf(options: FormatMoneyOptions | number | undefined): string | undefined {
  if (options === undefined || typeof options === 'number') return undefined
  if (options === null || typeof options !== 'object') {
    throw new InvalidInputError(
      `formatMoney() takes options as an object, e.g. { locale: 'de-DE' }, got ${JSON.stringify(options)}`,
    )
  }
  const locale = options.locale
  if (locale !== undefined && (typeof locale !== 'string' || locale.length === 0)) {
    throw new InvalidInputError(`Invalid locale ${JSON.stringify(locale)}: use a BCP 47 tag such as 'de-DE'`)
  }
  return locale
}

/** formatMoney() without a locale, on bare minor units: formatMinor(123456, 'EUR') → "1,234.56 EUR". */
export function formatMinor(amountMinor: number, currency: string): string {
  const { decimals, unit, suffixes } = currencyText(currency)
  const magnitude = amountMinor < 0 ? -amountMinor : amountMinor
  const rest = magnitude % unit
  const suffix = suffixes[rest] ?? `${fractionText(rest, decimals)} ${currency}`
  const text = `${groupThousands((magnitude - rest) / unit)}${suffix}`
  return amountMinor < 0 ? `-${text}` : text
}
