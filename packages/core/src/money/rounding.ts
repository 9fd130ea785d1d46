import { InvalidInputError } from '../errors.ts'

/**
 * How an exact result is rounded to a whole minor unit. Modes are symmetric around zero,
 * so a refund (negative amount) rounds like the sale it reverses:
 * - 'half-even': nearest, ties to the even neighbour (banker's rounding; the default)
 * - 'half-up':   nearest, ties away from zero
 * - 'down':      towards zero (truncate)
 * - 'up':        away from zero
 */
export type RoundingMode = 'half-even' | 'half-up' | 'down' | 'up'

export const DEFAULT_ROUNDING: RoundingMode = 'half-even'

const MODES: ReadonlySet<string> = new Set(['half-even', 'half-up', 'down', 'up'])

export function isRoundingMode(value: unknown): value is RoundingMode {
  return typeof value === 'string' && MODES.has(value)
}

export function assertRoundingMode(value: unknown): RoundingMode {
  if (!isRoundingMode(value)) {
    throw new InvalidInputError(
      `Unknown rounding mode ${JSON.stringify(value)}: use 'half-even', 'half-up', 'down' or 'up'`,
    )
  }
  return value
}

/** Round n/d (d > 0) to an integer with the given mode. Exact: works on bigints. */
export function roundDiv(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const q = n / d // truncates towards zero
  const r = n % d // same sign as n
  if (r === 0n) return q
  const away = n < 0n ? q - 1n : q + 1n
  if (mode === 'down') return q
  if (mode === 'up') return away
  const twice = (r < 0n ? -r : r) * 2n
  if (twice > d) return away
  if (twice < d) return q
  // exactly half
  if (mode === 'half-up') return away
  return q % 2n === 0n ? q : away
}

/** Same as roundDiv for numbers whose product already fits in a safe integer (the fast path). */
export function roundDivNumber(n: number, d: number, mode: RoundingMode): number {
  const result = roundDivNumberRaw(n, d, mode)
  return result === 0 ? 0 : result // never -0
}

function roundDivNumberRaw(n: number, d: number, mode: RoundingMode): number {
  let q = Math.trunc(n / d)
  let r = n - q * d
  // Float division can land one off for large n: correct so that r has n's sign and |r| < d.
  if (n >= 0) {
    if (r < 0) {
      q -= 1
      r += d
    } else if (r >= d) {
      q += 1
      r -= d
    }
  } else if (r > 0) {
    q += 1
    r -= d
  } else if (r <= -d) {
    q -= 1
    r += d
  }
  if (r === 0) return q
  const away = n < 0 ? q - 1 : q + 1
  if (mode === 'down') return q
  if (mode === 'up') return away
  const twice = Math.abs(r) * 2
  if (twice > d) return away
  if (twice < d) return q
  if (mode === 'half-up') return away
  return q % 2 === 0 ? q : away
}
