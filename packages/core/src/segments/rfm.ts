import { CurrencyMismatchError } from '../errors.ts'
import { assertMoney } from '../money/money.ts'
import { assertDate, daysBetween } from '../shared/time.ts'
import { assertCount } from '../shared/validate.ts'
import { quintiles } from './quintiles.ts'
import type { CustomerSummary, RfmScore, RfmSegment } from './types.ts'

/**
 * Segment by recency score (rows, 5 = most recent) and the rounded average of the frequency
 * and monetary scores (columns, 1…5). The classic RFM grid, with every cell named.
 */
const GRID: Record<number, readonly RfmSegment[]> = {
  5: ['new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions'],
  4: ['promising', 'potential_loyalist', 'potential_loyalist', 'loyal', 'champions'],
  3: ['need_attention', 'need_attention', 'need_attention', 'loyal', 'loyal'],
  2: ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose'],
  1: ['lost', 'lost', 'at_risk', 'at_risk', 'cannot_lose'],
}

export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  const fm = Math.round((f + m) / 2)
  return GRID[r]![fm - 1]!
}

/**
 * RFM quintile scores (1–5, relative to the customers given: 5 = most recent, most orders,
 * most spent) and a named segment per customer. Customers who never bought rank last on
 * recency. All totals must be in one currency.
 */
export function rfmScores(customers: readonly CustomerSummary[], now: Date): RfmScore[] {
  assertDate(now, 'now')
  const currency = customers[0]?.totalSpent.currency
  const recency: (number | null)[] = []
  for (const customer of customers) {
    assertMoney(customer.totalSpent, `${customer.customerId} totalSpent`)
    if (customer.totalSpent.currency !== currency) {
      throw new CurrencyMismatchError(
        currency ?? '',
        customer.totalSpent.currency,
        'rank customers by spend in',
      )
    }
    assertCount(customer.orderCount, `${customer.customerId} orderCount`)
    recency.push(
      customer.lastPurchaseAt
        ? Math.max(0, daysBetween(assertDate(customer.lastPurchaseAt, 'lastPurchaseAt'), now))
        : null,
    )
  }
  // More recent is better: rank on −days, never-bought below everyone.
  const r = quintiles(recency.map((days) => (days === null ? Number.NEGATIVE_INFINITY : -days)))
  const f = quintiles(customers.map((customer) => customer.orderCount))
  const m = quintiles(customers.map((customer) => customer.totalSpent.amountMinor))
  return customers.map((customer, index) => {
    const scores = { r: r[index]!, f: f[index]!, m: m[index]! }
    return {
      customerId: customer.customerId,
      recencyDays: recency[index]!,
      ...scores,
      segment: rfmSegment(scores.r, scores.f, scores.m),
    }
  })
}
