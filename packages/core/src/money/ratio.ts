import { InvalidRateError } from '../errors.ts'
import { type RoundingMode, roundDiv } from './rounding.ts'

/**
 * An exact rational number n/d with d > 0, used inside core so that a commission is
 * computed exactly (amount × rate × attribution share × …) and rounded once at the end.
 * Not reduced on every step: the values are short-lived and bigints do not overflow.
 */
export interface Ratio {
  readonly n: bigint
  readonly d: bigint
}

export const ZERO: Ratio = { n: 0n, d: 1n }
export const ONE: Ratio = { n: 1n, d: 1n }

export function ratio(n: bigint, d: bigint): Ratio {
  if (d === 0n) throw new InvalidRateError('Division by zero in an exact ratio')
  return d < 0n ? { n: -n, d: -d } : { n, d }
}

export function fromInt(value: number): Ratio {
  return { n: BigInt(value), d: 1n }
}

export function mul(a: Ratio, b: Ratio): Ratio {
  return { n: a.n * b.n, d: a.d * b.d }
}

export function div(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.d, a.d * b.n)
}

export function add(a: Ratio, b: Ratio): Ratio {
  if (a.d === b.d) return { n: a.n + b.n, d: a.d }
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d }
}

export function sub(a: Ratio, b: Ratio): Ratio {
  return add(a, { n: -b.n, d: b.d })
}

export function compare(a: Ratio, b: Ratio): number {
  const left = a.n * b.d
  const right = b.n * a.d
  return left < right ? -1 : left > right ? 1 : 0
}

export function min(a: Ratio, b: Ratio): Ratio {
  return compare(a, b) <= 0 ? a : b
}

export function isZero(a: Ratio): boolean {
  return a.n === 0n
}

/** Round to an integer (a number of minor units) with the given mode. */
export function roundRatio(a: Ratio, mode: RoundingMode): bigint {
  return roundDiv(a.n, a.d, mode)
}

/** Approximate value, for display and statistics only (never for money). */
export function toNumber(a: Ratio): number {
  return Number(a.n) / Number(a.d)
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a
  let y = b
  while (y !== 0n) {
    const t = x % y
    x = y
    y = t
  }
  return x
}

export function reduce(a: Ratio): Ratio {
  const g = gcd(a.n, a.d)
  return g <= 1n ? a : { n: a.n / g, d: a.d / g }
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

/** Parse an exact decimal string ("12.5", "0.0825", "-3") into a ratio; no floats involved. */
export function parseDecimal(text: string): Ratio | undefined {
  const match = DECIMAL.exec(text)
  if (!match) return undefined
  const [, sign, whole = '0', fraction = ''] = match
  const digits = BigInt(whole + fraction)
  const scale = 10n ** BigInt(fraction.length)
  return { n: sign ? -digits : digits, d: scale }
}

/**
 * Exact decimal text of a ratio with at most `maxDecimals` digits, trailing zeros removed
 * ("12.5", "33.3333" when it does not terminate within maxDecimals, rounded half-even).
 */
export function toDecimalString(a: Ratio, maxDecimals: number): string {
  const scale = 10n ** BigInt(maxDecimals)
  const scaled = roundDiv(a.n * scale, a.d, 'half-even')
  const negative = scaled < 0n
  const digits = (negative ? -scaled : scaled).toString().padStart(maxDecimals + 1, '0')
  const whole = digits.slice(0, digits.length - maxDecimals)
  const fraction = digits.slice(digits.length - maxDecimals).replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}
