import type { CustomerSummary, RfmScore } from './types.ts'

/** RFM quintile scores (1–5) and a named segment per customer. */
export function rfmScores(customers: readonly CustomerSummary[], now: Date): RfmScore[] {
  throw new Error(`rfmScores: not implemented yet (${customers.length} ${now.getTime()})`)
}
