import { InvalidInputError } from '../errors.ts'
import { assertNonNegative } from '../shared/validate.ts'
import type { GrowthProjection, GrowthProjectionInput, GrowthRound } from './types.ts'

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })
const FACTOR = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 })

/**
 * Customers over referral rounds: round 0 is the seed at day 0; each later round adds
 * K × invitingShare × the previous round's new customers, one cycle later (K is per
 * ambassador, invitingShare the share of customers who are ambassadors). Values are
 * expectations (fractional). With a growth factor below 1 the total converges to
 * seed / (1 − factor).
 */
export function projectReferralGrowth(input: GrowthProjectionInput): GrowthProjection {
  const seed = assertNonNegative(input.seedCustomers, 'seedCustomers')
  const k = assertNonNegative(input.k, 'k')
  const share = assertNonNegative(input.invitingShare, 'invitingShare')
  if (share > 1) {
    throw new InvalidInputError(
      `invitingShare is the share of customers who invite, from 0 to 1 (ambassadors / customers), got ${share}`,
    )
  }
  const cycleDays = assertNonNegative(input.cycleDays, 'cycleDays')
  if (!Number.isSafeInteger(input.rounds) || input.rounds < 0 || input.rounds > 1_000) {
    throw new InvalidInputError(`rounds must be a whole number from 0 to 1000, got ${String(input.rounds)}`)
  }
  const factor = k * share
  const rounds: GrowthRound[] = [{ round: 0, day: 0, newCustomers: seed, totalCustomers: seed }]
  let latest = seed
  let total = seed
  for (let round = 1; round <= input.rounds; round++) {
    latest *= factor
    total += latest
    rounds.push({ round, day: round * cycleDays, newCustomers: latest, totalCustomers: total })
  }
  const limit = factor < 1 ? seed / (1 - factor) : null
  return { rounds, growthFactor: factor, limit, explanation: explain(rounds, k, share, factor, limit) }
}

/**
 * "Each round adds K × the inviting share × the previous round's new customers
 * (1.1 × 100% = 1.1): 1,000 → +1,100 → +1,210; 3,310 customers on day 28. …"
 */
function explain(
  rounds: readonly GrowthRound[],
  k: number,
  share: number,
  factor: number,
  limit: number | null,
): string {
  const steps = rounds.map((round, index) => `${index === 0 ? '' : '+'}${COUNT.format(round.newCustomers)}`)
  const chain =
    steps.length <= 6 ? steps.join(' → ') : `${steps.slice(0, 4).join(' → ')} → … → ${steps.at(-1)}`
  const last = rounds.at(-1)!
  const formula = `Each round adds K × the inviting share × the previous round's new customers (${FACTOR.format(k)} × ${FACTOR.format(share * 100)}% = ${FACTOR.format(factor)})`
  const outlook =
    limit === null
      ? `the factor is at least 1, so growth does not level off`
      : `the total levels off at seed / (1 − ${FACTOR.format(factor)}) = ${COUNT.format(limit)}`
  return `${formula}: ${chain}; ${COUNT.format(last.totalCustomers)} customers on day ${COUNT.format(last.day)}; ${outlook}.`
}
