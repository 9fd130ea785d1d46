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
 * RFM quintile scores (1–5, relative to the buyers given: 5 = most recent, most orders, most
 * spent) and a named segment per customer. Ties are scored as quintiles() says: the lowest
 * value 1, the highest 5, equal values alike. Customers who never bought (no order or no last
 * purchase) are not scored: they get no scores and the segment 'never_bought', and they do
 * not take the low scores from real customers. All totals must be in one currency.
 */
export function rfmScores(customers: readonly CustomerSummary[], now: Date): RfmScore[] {
  assertDate(now, 'now')
  const currency = customers[0]?.totalSpent.currency
  const recency: (number | null)[] = []
  const buyers: number[] = []
  for (const [index, customer] of customers.entries()) {
    assertMoney(customer.totalSpent, `${customer.customerId} totalSpent`)
    if (customer.totalSpent.currency !== currency) {
      throw new CurrencyMismatchError(
        currency ?? '',
        customer.totalSpent.currency,
        'rank customers by spend in',
      )
    }
    const orders = assertCount(customer.orderCount, `${customer.customerId} orderCount`)
    const bought = orders > 0 && customer.lastPurchaseAt
    recency.push(
      bought ? Math.max(0, daysBetween(assertDate(customer.lastPurchaseAt, 'lastPurchaseAt'), now)) : null,
    )
    if (bought) buyers.push(index)
  }
  // More recent is better: rank on −days.
  const r = quintiles(buyers.map((index) => -recency[index]!))
  const f = quintiles(buyers.map((index) => customers[index]!.orderCount))
  const m = quintiles(buyers.map((index) => customers[index]!.totalSpent.amountMinor))
  const scores: RfmScore[] = customers.map((customer) => ({
    customerId: customer.customerId,
    recencyDays: null,
    r: null,
    f: null,
    m: null,
    segment: 'never_bought',
  }))
  buyers.forEach((index, rank) => {
    const score = { r: r[rank]!, f: f[rank]!, m: m[rank]! }
    scores[index] = {
      customerId: customers[index]!.customerId,
      recencyDays: recency[index]!,
      ...score,
      segment: rfmSegment(score.r, score.f, score.m),
    }
  })
  return scores
}
