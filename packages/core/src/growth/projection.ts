import { InvalidInputError } from '../errors.ts'
import { assertNonNegative } from '../shared/validate.ts'
import type { GrowthProjection, GrowthProjectionInput, GrowthRound } from './types.ts'

/**
 * Customers over referral rounds: round 0 is the seed at day 0; each later round adds k × the
 * previous round's new customers, one cycle later. Values are expectations (fractional).
 * With k < 1 the total converges to seed / (1 − k).
 */
export function projectReferralGrowth(input: GrowthProjectionInput): GrowthProjection {
  const seed = assertNonNegative(input.seedCustomers, 'seedCustomers')
  const k = assertNonNegative(input.k, 'k')
  const cycleDays = assertNonNegative(input.cycleDays, 'cycleDays')
  if (!Number.isSafeInteger(input.rounds) || input.rounds < 0 || input.rounds > 1_000) {
    throw new InvalidInputError(`rounds must be a whole number from 0 to 1000, got ${String(input.rounds)}`)
  }
  const rounds: GrowthRound[] = [{ round: 0, day: 0, newCustomers: seed, totalCustomers: seed }]
  let latest = seed
  let total = seed
  for (let round = 1; round <= input.rounds; round++) {
    latest *= k
    total += latest
    rounds.push({ round, day: round * cycleDays, newCustomers: latest, totalCustomers: total })
  }
  return { rounds, limit: k < 1 ? seed / (1 - k) : null }
}
