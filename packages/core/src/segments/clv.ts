import { InvalidInputError } from '../errors.ts'
import { formatMoney } from '../money/format.ts'
import { assertMoney } from '../money/money.ts'
import { applyRate, type Rate } from '../money/rate.ts'
import { roundDivNumber } from '../money/rounding.ts'
import { assertDate, daysBetween } from '../shared/time.ts'
import { assertCount } from '../shared/validate.ts'
import type { CustomerSummary, HistoricalClv } from './types.ts'

/**
 * Historical customer lifetime value: what the customer has been worth so far, net of
 * refunds, times the gross margin when given. ordersPerYear annualises over at least one
 * year, so a new customer's single order is not projected to 365 a year.
 */
export function historicalClv(
  customer: CustomerSummary,
  now: Date,
  options: { margin?: Rate } = {},
): HistoricalClv {
  assertDate(now, 'now')
  const spent = assertMoney(customer.totalSpent, 'totalSpent')
  const orders = assertCount(customer.orderCount, 'orderCount')
  if (spent.amountMinor < 0) {
    throw new InvalidInputError(
      `${customer.customerId}'s totalSpent cannot be negative, got ${formatMoney(spent)}`,
    )
  }
  const clv = options.margin ? applyRate(spent, options.margin) : spent
  const averageOrderValue = {
    amountMinor: orders === 0 ? 0 : roundDivNumber(spent.amountMinor, orders, 'half-even'),
    currency: spent.currency,
  }
  const lifespanDays = customer.firstPurchaseAt
    ? Math.max(0, daysBetween(assertDate(customer.firstPurchaseAt, 'firstPurchaseAt'), now))
    : 0
  const ordersPerYear = orders === 0 ? 0 : (orders * 365) / Math.max(lifespanDays, 365)
  return { customerId: customer.customerId, clv, averageOrderValue, ordersPerYear, lifespanDays }
}
