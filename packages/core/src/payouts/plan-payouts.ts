import type { PayoutPlan, PayoutPlanInput } from './types.ts'

/** A payout batch plan: a line per partner and currency, and who was held back and why. */
export function planPayouts(input: PayoutPlanInput): PayoutPlan {
  throw new Error(`planPayouts: not implemented yet (${input.rows.length})`)
}
