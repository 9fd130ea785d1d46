import type { Rate } from '../money/rate.ts'
import type { CustomerSummary, HistoricalClv } from './types.ts'

/** Historical customer lifetime value: what the customer has been worth so far (× margin when given). */
export function historicalClv(
  customer: CustomerSummary,
  now: Date,
  options: { margin?: Rate } = {},
): HistoricalClv {
  throw new Error(
    `historicalClv: not implemented yet (${customer.customerId} ${now.getTime()} ${String(options.margin)})`,
  )
}
