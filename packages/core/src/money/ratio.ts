import { InvalidMoneyError, InvalidRateError } from '../errors.ts'
import { type RoundingMode, roundDiv, roundDivNumber } from './rounding.ts'

/**
 * An exact rational number n/d (d > 0), used inside core so that a commission is computed
 * exactly (amount × rate × attribution share × FX …) and rounded once at the end.
 *
 * Both parts are plain numbers while they are safe integers (the common, fast case) and
 * switch to bigints as soon as a product would leave the safe range, so results are exact
 * either way. Never mix: either both parts are numbers or both are bigints.
 */
export interface Ratio {
  readonly n: number | bigint
  readonly d: number | bigint
}

/**
 * Zero with bigint parts. Also a V8 performance note: it is the first ratio this module creates,
 * on purpose. V8 shapes objects by the first values their fields hold: had the first ratios
 * held small integers only, the first large number would re-shape every ratio and code built
 * for the old shape would keep paying for it (a mixed workload ran 2× slower). Bigints first
 * make `n` and `d` fields for any value from the start.
 */
export const ZERO_BIG: Ratio = { n: 0n, d: 1n }
export const ZERO: Ratio = { n: 0, d: 1 }
export const ONE: Ratio = { n: 1, d: 1 }

const MAX = BigInt(Number.MAX_SAFE_INTEGER)

function isSmall(a: Ratio): a is { n: number; d: number } {
  return typeof a.n === 'number'
}

function bigN(a: Ratio): bigint {
  return typeof a.n === 'number' ? BigInt(a.n) : a.n
}

function bigD(a: Ratio): bigint {
  return typeof a.d === 'number' ? BigInt(a.d) : a.d
}

/** Build from bigints: sign moved to n, demoted to numbers when both parts are safe. */
export function fromBig(n: bigint, d: bigint): Ratio {
  if (d === 0n) throw new InvalidRateError('Division by zero in an exact ratio')
  if (d < 0n) {
    n = -n
    d = -d
  }
  if (d <= MAX && n <= MAX && n >= -MAX) return { n: Number(n), d: Number(d) }
  return { n, d }
}

/** n/d from whole numbers (safe integers), reduced. */
export function ratio(n: number, d: number): Ratio {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) return fromBig(BigInt(n), BigInt(d))
  if (d === 0) throw new InvalidRateError('Division by zero in an exact ratio')
  const g = gcdNumber(Math.abs(n), Math.abs(d))
  const sign = d < 0 ? -1 : 1
  return { n: (sign * n) / g + 0, d: (sign * d) / g }
}

export function fromInt(value: number): Ratio {
  return Number.isSafeInteger(value) ? { n: value, d: 1 } : { n: BigInt(value), d: 1n }
}

export function mul(a: Ratio, b: Ratio): Ratio {
  if (b === ONE) return a
  if (a === ONE) return b
  if (isSmall(a) && isSmall(b)) {
    const n = a.n * b.n
    const d = a.d * b.d
    if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) return { n, d }
  }
  return fromBig(bigN(a) * bigN(b), bigD(a) * bigD(b))
}

export function div(a: Ratio, b: Ratio): Ratio {
  if (isZero(b)) throw new InvalidRateError('Division by zero in an exact ratio')
  const inverse: Ratio = isSmall(b)
    ? b.n < 0
      ? { n: -b.d, d: -b.n }
      : { n: b.d, d: b.n }
    : fromBig(bigD(b), bigN(b))
  return mul(a, inverse)
}

export function add(a: Ratio, b: Ratio): Ratio {
  if (isSmall(a) && isSmall(b)) {
    if (a.d === b.d) {
      const n = a.n + b.n
      if (Number.isSafeInteger(n)) return { n, d: a.d }
    } else {
      const left = a.n * b.d
      const right = b.n * a.d
      const d = a.d * b.d
      const n = left + right
      if (
        Number.isSafeInteger(left) &&
        Number.isSafeInteger(right) &&
        Number.isSafeInteger(n) &&
        Number.isSafeInteger(d)
      ) {
        return { n, d }
      }
    }
  }
  return fromBig(bigN(a) * bigD(b) + bigN(b) * bigD(a), bigD(a) * bigD(b))
}

export function negate(a: Ratio): Ratio {
  return typeof a.n === 'number' ? { n: -a.n + 0, d: a.d } : { n: -a.n, d: a.d }
}

export function sub(a: Ratio, b: Ratio): Ratio {
  return add(a, negate(b))
}

export function compare(a: Ratio, b: Ratio): number {
  if (isSmall(a) && isSmall(b)) {
    const left = a.n * b.d
    const right = b.n * a.d
    if (Number.isSafeInteger(left) && Number.isSafeInteger(right))
      return left < right ? -1 : left > right ? 1 : 0
  }
  const left = bigN(a) * bigD(b)
  const right = bigN(b) * bigD(a)
  return left < right ? -1 : left > right ? 1 : 0
}

export function min(a: Ratio, b: Ratio): Ratio {
  return compare(a, b) <= 0 ? a : b
}

export function isZero(a: Ratio): boolean {
  return a.n === 0 || a.n === 0n
}

export function sign(a: Ratio): number {
  return a.n > 0 || a.n > 0n ? 1 : isZero(a) ? 0 : -1
}

/** Round to a whole number of minor units with the given mode. Throws if outside the safe range. */
export function roundRatio(a: Ratio, mode: RoundingMode): number {
  if (isSmall(a)) return roundDivNumber(a.n, a.d, mode)
  const result = roundDiv(bigN(a), bigD(a), mode)
  if (result > MAX || result < -MAX) {
    throw new InvalidMoneyError(`Result ${result} minor units is outside the safe integer range`)
  }
  return Number(result)
}

/** Approximate value, for display and statistics only (never for money). */
export function toNumber(a: Ratio): number {
  return Number(a.n) / Number(a.d)
}

function gcdNumber(a: number, b: number): number {
  let x = a
  let y = b
  while (y !== 0) {
    const t = x % y
    x = y
    y = t
  }
  return x === 0 ? 1 : x
}

function gcdBig(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a
  let y = b
  while (y !== 0n) {
    const t = x % y
    x = y
    y = t
  }
  return x === 0n ? 1n : x
}

export function reduce(a: Ratio): Ratio {
  if (isSmall(a)) return ratio(a.n, a.d)
  const g = gcdBig(bigN(a), bigD(a))
  return fromBig(bigN(a) / g, bigD(a) / g)
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

/** Parse an exact decimal string ("12.5", "0.0825", "-3") into a reduced ratio; no floats involved. */
export function parseDecimal(text: string): Ratio | undefined {
  const match = DECIMAL.exec(text)
  if (!match) return undefined
  const [, minus, whole = '0', fraction = ''] = match
  const digits = BigInt(whole + fraction)
  const scale = 10n ** BigInt(fraction.length)
  return reduce(fromBig(minus ? -digits : digits, scale))
}

/**
 * Decimal text with at most `maxDecimals` digits, trailing zeros removed ("12.5",
 * "33.3333" when it does not terminate within maxDecimals, rounded half-even).
 */
export function toDecimalString(a: Ratio, maxDecimals: number): string {
  if (isSmall(a)) {
    const n = a.n * 10 ** maxDecimals
    if (Number.isSafeInteger(n)) return decimalText(roundDivNumber(n, a.d, 'half-even'), maxDecimals)
  }
  return decimalText(roundDiv(bigN(a) * 10n ** BigInt(maxDecimals), bigD(a), 'half-even'), maxDecimals)
}

/** An integer scaled by 10^decimals as decimal text: (12500, 3) → "12.5". */
function decimalText(scaled: number | bigint, decimals: number): string {
  const negative = scaled < 0
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0')
  const point = digits.length - decimals
  let end = digits.length
  while (end > point && digits.charCodeAt(end - 1) === 48 /* '0' */) end--
  const whole = digits.slice(0, point)
  return `${negative ? '-' : ''}${end > point ? `${whole}.${digits.slice(point, end)}` : whole}`
}
