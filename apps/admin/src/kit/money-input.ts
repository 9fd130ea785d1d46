import { displayDecimals } from '@tandem/ui'

/**
 * A decimal amount typed by a person ("1,234.50", "12") as integer minor units of `currency`, or
 * null when it is not one (negative, too many decimals, not a number). No floats: digits only.
 */
export function parseMajor(text: string, currency: string): number | null {
  const cleaned = text.trim().replace(/[\s,_]/g, '')
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null
  const decimals = displayDecimals(currency)
  const [whole = '0', fraction = ''] = cleaned.split('.')
  if (fraction.length > decimals) return null
  const minor = Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0')
  return Number.isSafeInteger(minor) ? minor : null
}

/** Minor units as the text a money input shows: 123450 EUR → "1234.50". */
export function formatMajor(minor: number, currency: string): string {
  const decimals = displayDecimals(currency)
  if (decimals === 0) return String(minor)
  const sign = minor < 0 ? '-' : ''
  const abs = Math.abs(minor)
  const whole = Math.floor(abs / 10 ** decimals)
  const fraction = String(abs % 10 ** decimals).padStart(decimals, '0')
  return `${sign}${whole}.${fraction}`
}

/** A weight in parts per million as a percentage: 333334 → "33.33%". */
export function formatPpmShare(ppm: number): string {
  return `${(ppm / 10_000).toFixed(ppm % 10_000 === 0 ? 0 : 2)}%`
}
