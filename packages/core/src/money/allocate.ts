import { InvalidInputError } from '../errors.ts'
import { formatMinor } from './format.ts'
import { assertMoney, type Money } from './money.ts'

/**
 * Split `amount` in proportion to `weights` by the largest-remainder method: every share
 * gets the floor of its exact quota, then the leftover minor units go one by one to the
 * largest remainders (ties to the earlier index). The shares always sum to `amount` exactly.
 * Weights are non-negative whole numbers (e.g. parts per million, or minor units).
 * allocate(money(100, 'EUR'), [1, 1, 1]) → 34, 33, 33 cents.
 */
export function allocate(amount: Money, weights: readonly number[]): Money[] {
  assertMoney(amount)
  if (amount.amountMinor !== 0 && weights.length > 0 && weights.every((weight) => weight === 0)) {
    throw new InvalidInputError(
      `Cannot allocate ${formatMinor(amount.amountMinor, amount.currency)} among weights that are all zero`,
    )
  }
  const parts = allocateMinor(amount.amountMinor, weights)
  return parts.map((amountMinor) => ({ amountMinor, currency: amount.currency }))
}

/** allocate() on a bare integer: used for money and for attribution parts per million. */
export function allocateMinor(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) throw new InvalidInputError('allocate() needs at least one weight')
  let weightSum = 0
  let maxWeight = 0
  for (const weight of weights) {
    if (typeof weight !== 'number' || !Number.isSafeInteger(weight) || weight < 0) {
      throw new InvalidInputError(
        `Allocation weights must be non-negative whole numbers (use parts per million for fractions), got ${String(weight)}`,
      )
    }
    weightSum += weight
    if (weight > maxWeight) maxWeight = weight
  }
  if (weightSum === 0) {
    if (total === 0) return weights.map(() => 0)
    throw new InvalidInputError(`Cannot allocate ${total} units among weights that are all zero`)
  }
  const magnitude = Math.abs(total)
  // Exact in doubles while every product magnitude × weight is a safe integer (the usual case).
  const safe = Number.isSafeInteger(weightSum) && Number.isSafeInteger(magnitude * maxWeight)
  const parts = !safe
    ? largestRemainderBig(magnitude, weights)
    : weights.length <= SMALL
      ? largestRemainderSmall(magnitude, weights, weightSum)
      : largestRemainder(magnitude, weights, weightSum)
  if (total < 0) for (let i = 0; i < parts.length; i++) parts[i] = parts[i] === 0 ? 0 : -parts[i]!
  return parts
}

/** Up to this many weights, leftover units are placed by scanning (no sorting, no extra arrays). */
const SMALL = 16

/**
 * largestRemainder() for a few weights (attribution shares, partners sharing a commission):
 * floors first, then each leftover unit to the largest remainder not served yet, the earlier
 * index on a tie. Quotients come from a float division corrected to the exact floor (products
 * are safe integers, so the correction is exact), avoiding slow `%` on large numbers;
 * remainders are recomputed instead of stored; `served` is a bit set.
 */
function largestRemainderSmall(magnitude: number, weights: readonly number[], weightSum: number): number[] {
  const n = weights.length
  // Filled by push: a packed array, like every other array of parts (no holey elements kind).
  const parts: number[] = []
  let allocated = 0
  for (let i = 0; i < n; i++) {
    const floor = floorDiv(magnitude * weights[i]!, weightSum)
    parts.push(floor)
    allocated += floor
  }
  let served = 0
  for (let left = magnitude - allocated; left > 0; left--) {
    let best = -1
    let bestRemainder = -1
    for (let i = 0; i < n; i++) {
      if (served & (1 << i)) continue
      const remainder = magnitude * weights[i]! - parts[i]! * weightSum
      if (remainder > bestRemainder) {
        best = i
        bestRemainder = remainder
      }
    }
    served |= 1 << best
    parts[best]! += 1
  }
  return parts
}

/** ⌊a / b⌋ for safe integers a ≥ 0, b > 0, exactly: the float quotient corrected by one step. */
export function floorDiv(a: number, b: number): number {
  const q = Math.floor(a / b)
  const r = a - q * b
  return r < 0 ? q - 1 : r >= b ? q + 1 : q
}

/** Floors of magnitude × weight / weightSum plus the leftover units, all safe integers. */
function largestRemainder(magnitude: number, weights: readonly number[], weightSum: number): number[] {
  const parts: number[] = []
  const remainders: number[] = []
  let allocated = 0
  for (const weight of weights) {
    const exact = magnitude * weight
    const remainder = exact % weightSum
    const floor = (exact - remainder) / weightSum // exact: the division has no remainder
    parts.push(floor)
    remainders.push(remainder)
    allocated += floor
  }
  for (const index of largestRemainders(remainders, magnitude - allocated)) parts[index]! += 1
  return parts
}

/** The same with bigints, for amounts × weights beyond the safe integer range. */
function largestRemainderBig(magnitude: number, weights: readonly number[]): number[] {
  const total = BigInt(magnitude)
  let weightSum = 0n
  for (const weight of weights) weightSum += BigInt(weight)
  const parts: bigint[] = []
  const remainders: bigint[] = []
  let allocated = 0n
  for (const weight of weights) {
    const exact = total * BigInt(weight)
    const floor = exact / weightSum
    parts.push(floor)
    remainders.push(exact % weightSum)
    allocated += floor
  }
  for (const index of largestRemainders(remainders, Number(total - allocated))) parts[index]! += 1n
  return parts.map(Number)
}

/** Indices of the `count` largest remainders (ties to the earlier index); count < remainders.length. */
function largestRemainders(remainders: readonly (number | bigint)[], count: number): number[] {
  if (count === 0) return NONE
  // Few leftover units (the usual case: one or two) are picked by scanning, without sorting.
  if (count <= 4) return scanLargest(remainders, count)
  const order = remainders.map((_, index) => index)
  order.sort((a, b) => {
    const ra = remainders[a]!
    const rb = remainders[b]!
    return ra === rb ? a - b : ra > rb ? -1 : 1
  })
  return order.slice(0, count)
}

const NONE: number[] = []

/** The same by repeated scans: each picks the largest remainder not taken yet, the earlier on a tie. */
function scanLargest(remainders: readonly (number | bigint)[], count: number): number[] {
  const picked: number[] = []
  for (let round = 0; round < count; round++) {
    let best = -1
    for (let index = 0; index < remainders.length; index++) {
      if (picked.includes(index)) continue
      if (best < 0 || remainders[index]! > remainders[best]!) best = index
    }
    picked.push(best)
  }
  return picked
}

/**
 * Part `k` of allocateMinor(total, weights) for a few weights and a total ≥ 0 whose products
 * total × weight are safe integers, computed in place (no arrays): the floor of its quota, plus
 * one when its remainder ranks among the `leftover` units (larger first, the earlier on a tie).
 * `leftover` is total − the sum of the floors (see floorDiv).
 */
export function largestRemainderPart(
  total: number,
  weights: readonly number[],
  weightSum: number,
  leftover: number,
  k: number,
): number {
  const quota = total * weights[k]!
  const floor = floorDiv(quota, weightSum)
  const remainder = quota - floor * weightSum
  let rank = 0
  for (let j = 0; j < weights.length; j++) {
    if (j === k) continue
    const other = total * weights[j]!
    const otherRemainder = other - floorDiv(other, weightSum) * weightSum
    if (otherRemainder > remainder || (otherRemainder === remainder && j < k)) rank++
  }
  return rank < leftover ? floor + 1 : floor
}

/** The units left after every weight took the floor of its quota (see largestRemainderPart). */
export function leftoverUnits(total: number, weights: readonly number[], weightSum: number): number {
  let allocated = 0
  for (const weight of weights) allocated += floorDiv(total * weight, weightSum)
  return total - allocated
}
