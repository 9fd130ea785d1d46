import { assertCount } from '../shared/validate.ts'
import { rfmScores } from './rfm.ts'
import type { AmbassadorCandidate, CustomerSummary } from './types.ts'

/** Weights of the ambassador score; past referrals are the strongest signal. */
const WEIGHTS = { recency: 0.25, frequency: 0.25, monetary: 0.2, referrals: 0.3 }
/** This many qualified referrals count as a full referral score. */
const REFERRALS_FOR_FULL_SCORE = 3

/**
 * Customers ranked by how likely they are to become good ambassadors: a 0–1 score from their
 * RFM quintiles (recent, frequent, high spend) and the friends they already referred.
 * Customers who never bought are left out: they have no experience to share.
 */
export function ambassadorLikelihood(
  customers: readonly CustomerSummary[],
  now: Date,
): AmbassadorCandidate[] {
  const buyers = customers.filter((customer) => customer.orderCount > 0 && customer.lastPurchaseAt)
  const scores = rfmScores(buyers, now)
  const ranked = buyers.map((customer, index) => {
    const rfm = scores[index]!
    // Every customer here bought, so every one is scored.
    const r = rfm.r ?? 1
    const f = rfm.f ?? 1
    const m = rfm.m ?? 1
    const referrals = assertCount(customer.qualifiedReferrals ?? 0, 'qualifiedReferrals')
    const referralScore = Math.min(1, referrals / REFERRALS_FOR_FULL_SCORE)
    const score =
      WEIGHTS.recency * ((r - 1) / 4) +
      WEIGHTS.frequency * ((f - 1) / 4) +
      WEIGHTS.monetary * ((m - 1) / 4) +
      WEIGHTS.referrals * referralScore
    const reason = `recency R${r}, frequency F${f}, spend M${m}, ${referrals} friend(s) referred`
    return { customerId: customer.customerId, score: Math.round(score * 1000) / 1000, rank: 0, reason }
  })
  ranked.sort((a, b) => b.score - a.score || (a.customerId < b.customerId ? -1 : 1))
  return ranked.map((candidate, index) => ({ ...candidate, rank: index + 1 }))
}
