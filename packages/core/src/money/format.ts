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

function groupThousands(digits: string): string {
  if (digits.length <= 3) return digits
  let out = ''
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ','
    out += digits[i]
  }
  return out
}

/**
 * Human text for an amount.
 * - without a locale: a fixed, locale-independent form used in explanations: "1,234.56 EUR", "500 JPY", "-3.000 KWD"
 * - with a locale: Intl currency formatting ("1.234,56 €" for 'de-DE'), exact (formats the decimal string, not a float)
 */
export function formatMoney(value: Money, locale?: string): string {
  const decimals = currencyDecimals(value.currency)
  const negative = value.amountMinor < 0
  const digits = Math.abs(value.amountMinor)
    .toString()
    .padStart(decimals + 1, '0')
  const whole = decimals === 0 ? digits : digits.slice(0, -decimals)
  const fraction = decimals === 0 ? '' : digits.slice(-decimals)
  if (locale !== undefined) {
    const exact = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
    // Intl accepts exact decimal strings (ES2023), so large amounts never pass through a float.
    return formatter(locale, value.currency, decimals).format(exact as unknown as number)
  }
  return `${negative ? '-' : ''}${groupThousands(whole)}${fraction ? `.${fraction}` : ''} ${value.currency}`
}
