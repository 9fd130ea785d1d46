import { InvalidInputError } from '../errors.ts'
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
  const parts = allocateMinor(amount.amountMinor, weights)
  return parts.map((amountMinor) => ({ amountMinor, currency: amount.currency }))
}

/** allocate() on a bare integer: used for money and for attribution parts per million. */
export function allocateMinor(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) throw new InvalidInputError('allocate() needs at least one weight')
  let weightSum = 0n
  for (const weight of weights) {
    if (typeof weight !== 'number' || !Number.isSafeInteger(weight) || weight < 0) {
      throw new InvalidInputError(
        `Allocation weights must be non-negative whole numbers (use parts per million for fractions), got ${String(weight)}`,
      )
    }
    weightSum += BigInt(weight)
  }
  if (weightSum === 0n) {
    if (total === 0) return weights.map(() => 0)
    throw new InvalidInputError(`Cannot allocate ${total} among weights that are all zero`)
  }
  const magnitude = BigInt(Math.abs(total))
  const sign = total < 0 ? -1 : 1
  const floors: bigint[] = []
  const remainders: bigint[] = []
  let allocated = 0n
  for (const weight of weights) {
    const exact = magnitude * BigInt(weight)
    const floor = exact / weightSum
    floors.push(floor)
    remainders.push(exact % weightSum)
    allocated += floor
  }
  let leftover = Number(magnitude - allocated) // < weights.length
  const order = weights.map((_, index) => index)
  order.sort((a, b) => {
    const ra = remainders[a]!
    const rb = remainders[b]!
    return ra === rb ? a - b : ra > rb ? -1 : 1
  })
  for (const index of order) {
    if (leftover === 0) break
    floors[index] = floors[index]! + 1n
    leftover -= 1
  }
  return floors.map((part) => (part === 0n ? 0 : sign * Number(part)))
}
