import { assertDate, daysBetween } from '../shared/time.ts'
import { assertCount, assertNonNegative } from '../shared/validate.ts'
import type { BuyerStatus, BuyerStatusOptions, CustomerSummary } from './types.ts'

/**
 * Against the program's inactivity window: 'never' bought, 'inactive' (no purchase within
 * the window), 'regular' (bought within the window and has at least regularMinOrders orders,
 * default 3) or 'active'.
 */
export function buyerStatus(customer: CustomerSummary, now: Date, options: BuyerStatusOptions): BuyerStatus {
  assertDate(now, 'now')
  const window = assertNonNegative(options.inactivityDays, 'inactivityDays')
  const regularMin = assertCount(options.regularMinOrders ?? 3, 'regularMinOrders')
  const orders = assertCount(customer.orderCount, 'orderCount')
  if (!customer.lastPurchaseAt || orders === 0) return 'never'
  const days = daysBetween(assertDate(customer.lastPurchaseAt, 'lastPurchaseAt'), now)
  if (days > window) return 'inactive'
  return orders >= regularMin ? 'regular' : 'active'
}
