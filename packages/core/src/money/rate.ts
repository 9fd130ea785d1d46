import { InvalidRateError } from '../errors.ts'
import { assertMoney, type Money } from './money.ts'
import { fromInt, mul, parseDecimal, type Ratio, ratio, roundRatio, sign, toDecimalString } from './ratio.ts'
import { DEFAULT_ROUNDING, type RoundingMode, roundDivNumber } from './rounding.ts'

/**
 * A proportional rate, written in whole basis points (1000 = 10%), as an exact decimal
 * percentage string ('12.5' = 12.5%, '0.25' = 0.25%) or as an exact fraction of whole numbers
 * (1/3, which no decimal can write). Never a float.
 * JSON: { "bps": 1000 }, { "percent": "12.5" } or { "numerator": 1, "denominator": 3 }.
 */
export type Rate =
  | { readonly bps: number }
  | { readonly percent: string }
  | { readonly numerator: number; readonly denominator: number }

const RATE_FORMS =
  'A rate must be { bps: number }, { percent: "decimal string" } or { numerator, denominator }'

/** Exact fraction of a rate: { bps: 1000 } → 1/10. Throws InvalidRateError (negative, NaN, not exact). */
export function rateToRatio(rate: Rate): Ratio {
  if (rate === null || typeof rate !== 'object') throw new InvalidRateError(RATE_FORMS)
  if ('bps' in rate) {
    if (typeof rate.bps !== 'number' || !Number.isSafeInteger(rate.bps) || rate.bps < 0) {
      throw new InvalidRateError(
        `A rate in basis points must be a non-negative whole number (1000 = 10%), got ${String(rate.bps)}`,
      )
    }
    return ratio(rate.bps, 10_000)
  }
  if ('percent' in rate) {
    const parsed = typeof rate.percent === 'string' ? parseDecimal(rate.percent) : undefined
    if (!parsed || sign(parsed) < 0) {
      throw new InvalidRateError(
        `A percentage rate must be a non-negative decimal string such as "12.5", got ${JSON.stringify(rate.percent)}`,
      )
    }
    return mul(parsed, ratio(1, 100))
  }
  if ('numerator' in rate) {
    const { numerator, denominator } = rate
    if (
      !Number.isSafeInteger(numerator) ||
      !Number.isSafeInteger(denominator) ||
      numerator < 0 ||
      denominator <= 0
    ) {
      throw new InvalidRateError(
        `A fraction rate needs whole numbers, numerator ≥ 0 and denominator > 0 (1/3 is { numerator: 1, denominator: 3 }), got ${String(numerator)}/${String(denominator)}`,
      )
    }
    return ratio(numerator, denominator)
  }
  throw new InvalidRateError(RATE_FORMS)
}

/**
 * Human form of a rate: { bps: 1000 } → "10%", { percent: '12.5' } → "12.5%",
 * { numerator: 1, denominator: 3 } → "1/3 (33.3333%)" (the fraction is what is applied).
 */
export function formatRate(rate: Rate): string {
  const fraction = rateToRatio(rate)
  return 'numerator' in rate
    ? `${rate.numerator}/${rate.denominator} (${formatFraction(fraction)})`
    : formatFraction(fraction)
}

/** A fraction as a percentage with up to 4 decimals: 1/8 → "12.5%". */
export function formatFraction(fraction: Ratio): string {
  return `${toDecimalString(mul(fraction, fromInt(100)), 4)}%`
}

/**
 * amount × rate, rounded once with `mode` (half-even by default).
 * applyRate(money(12345, 'EUR'), { bps: 1000 }) → 1234 (12.345 → 12.34, ties to even).
 */
export function applyRate(amount: Money, rate: Rate, mode: RoundingMode = DEFAULT_ROUNDING): Money {
  assertMoney(amount)
  if ('bps' in rate && Number.isSafeInteger(rate.bps) && rate.bps >= 0) {
    const product = amount.amountMinor * rate.bps
    // Fast path: the product is an exact integer in a double.
    if (Number.isSafeInteger(product)) {
      return { amountMinor: roundDivNumber(product, 10_000, mode), currency: amount.currency }
    }
  }
  const minor = roundRatio(mul(fromInt(amount.amountMinor), rateToRatio(rate)), mode)
  return { amountMinor: minor, currency: amount.currency }
}
