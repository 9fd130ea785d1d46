import { InvalidInputError } from '../errors.ts'

/** A finite number ≥ 0 (counts, days, thresholds). NaN, Infinity and negatives are errors. */
export function assertNonNegative(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(`${what} must be a finite number ≥ 0, got ${String(value)}`)
  }
  return value
}

/** A whole number ≥ 0. */
export function assertCount(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidInputError(`${what} must be a whole number ≥ 0, got ${String(value)}`)
  }
  return value
}

/** A non-empty string. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0
}

/** A non-empty string id. */
export function assertId(value: unknown, what: string): string {
  if (!isId(value)) {
    throw new InvalidInputError(`${what} must be a non-empty string, got ${JSON.stringify(value)}`)
  }
  return value
}
