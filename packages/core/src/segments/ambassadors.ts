import type { AmbassadorCandidate, CustomerSummary } from './types.ts'

/** Customers ranked by how likely they are to become good ambassadors (recency, frequency, value, past referrals). */
export function ambassadorLikelihood(
  customers: readonly CustomerSummary[],
  now: Date,
): AmbassadorCandidate[] {
  throw new Error(`ambassadorLikelihood: not implemented yet (${customers.length} ${now.getTime()})`)
}
