import { InvalidRateError } from '../errors.ts'
import { assertMoney, type Money } from './money.ts'
import { parseDecimal, type Ratio, toDecimalString } from './ratio.ts'
import { DEFAULT_ROUNDING, type RoundingMode, roundDiv, roundDivNumber } from './rounding.ts'

/**
 * A proportional rate, written either in whole basis points (1000 = 10%) or as an exact
 * decimal percentage string ('12.5' = 12.5%, '0.25' = 0.25%). Never a float fraction.
 * JSON: { "bps": 1000 } or { "percent": "12.5" }.
 */
export type Rate = { readonly bps: number } | { readonly percent: string }

const BPS_DENOMINATOR = 10_000n

/** Exact fraction of a rate: { bps: 1000 } → 1/10. Throws InvalidRateError (negative, NaN, not exact). */
export function rateToRatio(rate: Rate): Ratio {
  if (rate === null || typeof rate !== 'object') {
    throw new InvalidRateError('A rate must be { bps: number } or { percent: "decimal string" }')
  }
  if ('bps' in rate) {
    if (typeof rate.bps !== 'number' || !Number.isSafeInteger(rate.bps) || rate.bps < 0) {
      throw new InvalidRateError(
        `A rate in basis points must be a non-negative whole number (1000 = 10%), got ${String(rate.bps)}`,
      )
    }
    return { n: BigInt(rate.bps), d: BPS_DENOMINATOR }
  }
  if ('percent' in rate) {
    const parsed = typeof rate.percent === 'string' ? parseDecimal(rate.percent) : undefined
    if (!parsed || parsed.n < 0n) {
      throw new InvalidRateError(
        `A percentage rate must be a non-negative decimal string such as "12.5", got ${JSON.stringify(rate.percent)}`,
      )
    }
    return { n: parsed.n, d: parsed.d * 100n }
  }
  throw new InvalidRateError('A rate must be { bps: number } or { percent: "decimal string" }')
}

/** Human form of a rate: { bps: 1000 } → "10%", { percent: '12.5' } → "12.5%". */
export function formatRate(rate: Rate): string {
  return formatFraction(rateToRatio(rate))
}

/** A fraction as a percentage with up to 4 decimals: 1/8 → "12.5%". */
export function formatFraction(fraction: Ratio): string {
  return `${toDecimalString({ n: fraction.n * 100n, d: fraction.d }, 4)}%`
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
  const fraction = rateToRatio(rate)
  const minor = roundDiv(BigInt(amount.amountMinor) * fraction.n, fraction.d, mode)
  return { amountMinor: Number(minor), currency: amount.currency }
}
