import type { BuyerStatus, BuyerStatusOptions, CustomerSummary } from './types.ts'

/** never / active / regular / inactive against the program's inactivity window. */
export function buyerStatus(customer: CustomerSummary, now: Date, options: BuyerStatusOptions): BuyerStatus {
  throw new Error(
    `buyerStatus: not implemented yet (${customer.customerId} ${now.getTime()} ${options.inactivityDays})`,
  )
}
