import { currencyDecimals, type Money } from './money.ts'

const formatters = new Map<string, Intl.NumberFormat>()

function formatter(locale: string, currency: string, decimals: number): Intl.NumberFormat {
  const key = `${locale}|${currency}`
  let cached = formatters.get(key)
  if (!cached) {
    cached = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    })
    formatters.set(key, cached)
  }
  return cached
}

function groupThousands(whole: number): string {
  if (whole < 1_000) return String(whole)
  const digits = String(whole)
  let out = ''
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ','
    out += digits[i]
  }
  return out
}

const UNIT = [1, 10, 100, 1_000, 10_000]

/** ".00" … ".99" and ".000" … ".999", built once: explanations format many amounts. */
const FRACTIONS: readonly (readonly string[])[] = [0, 1, 2, 3].map((decimals) =>
  decimals === 0
    ? ['']
    : Array.from({ length: 10 ** decimals }, (_, rest) => `.${String(rest).padStart(decimals, '0')}`),
)

/**
 * Human text for an amount.
 * - without a locale: a fixed, locale-independent form used in explanations: "1,234.56 EUR", "500 JPY", "-3.000 KWD"
 * - with a locale: Intl currency formatting ("1.234,56 €" for 'de-DE'), exact (formats the decimal string, not a float)
 */
export function formatMoney(value: Money, locale?: string): string {
  const decimals = currencyDecimals(value.currency)
  const minor = value.amountMinor
  const sign = minor < 0 ? '-' : ''
  const magnitude = minor < 0 ? -minor : minor
  const unit = UNIT[decimals]!
  // Integer arithmetic only: remainder first, so the division is exact even near 2^53.
  const rest = magnitude % unit
  const whole = (magnitude - rest) / unit
  const fraction = FRACTIONS[decimals]?.[rest] ?? `.${String(rest).padStart(decimals, '0')}`
  if (locale !== undefined) {
    // Intl accepts exact decimal strings (ES2023), so large amounts never pass through a float.
    return formatter(locale, value.currency, decimals).format(
      `${sign}${whole}${fraction}` as unknown as number,
    )
  }
  return `${sign}${groupThousands(whole)}${fraction} ${value.currency}`
}
