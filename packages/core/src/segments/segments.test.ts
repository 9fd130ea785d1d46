import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CurrencyMismatchError, InvalidInputError } from '../errors.ts'
import { money } from '../money/money.ts'
import { ambassadorLikelihood } from './ambassadors.ts'
import { buyerStatus } from './buyer-status.ts'
import { historicalClv } from './clv.ts'
import { quintiles } from './quintiles.ts'
import { reactivationCandidates } from './reactivation.ts'
import { rfmScores, rfmSegment } from './rfm.ts'
import type { CustomerSummary } from './types.ts'

const NOW = new Date('2024-07-01T00:00:00.000Z')
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000)
const EUR = (amountMinor: number) => money(amountMinor, 'EUR')
const customer = (
  id: string,
  lastDays: number | null,
  orders: number,
  spent: number,
  extra: Partial<CustomerSummary> = {},
): CustomerSummary => ({
  customerId: id,
  firstPurchaseAt: lastDays === null ? null : daysAgo(lastDays + 200),
  lastPurchaseAt: lastDays === null ? null : daysAgo(lastDays),
  orderCount: orders,
  totalSpent: EUR(spent),
  ...extra,
})

describe('quintiles', () => {
  it.each([
    [
      [10, 20, 30, 40, 50],
      [1, 2, 3, 4, 5],
    ],
    [
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
    ],
    [
      [7, 7, 7, 7],
      [3, 3, 3, 3],
    ], // all equal: the middle
    [
      [1, 5, 5, 5, 9],
      [1, 3, 3, 3, 5],
    ], // ties share a score
    [[42], [3]], // one customer: the middle
    [
      [1, 1, 1, 1, 1, 1, 1, 1, 5, 12],
      [1, 1, 1, 1, 1, 1, 1, 1, 5, 5],
    ], // eight tied at the bottom: nobody is below them, so they score 1, not the middle
    [
      [0, 9, 9, 9, 9, 9, 9, 9],
      [1, 5, 5, 5, 5, 5, 5, 5],
    ], // tied at the top: 5
  ])('%j → %j', (values, expected) => {
    expect(quintiles(values)).toEqual(expected)
  })

  it('scores are 1–5, equal values score equal, larger values never score lower (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 60 }), (values) => {
        const scores = quintiles(values)
        for (const [i, a] of values.entries()) {
          for (const [j, b] of values.entries()) {
            if (a === b) expect(scores[i]).toBe(scores[j])
            if (a < b) expect(scores[i]!).toBeLessThanOrEqual(scores[j]!)
          }
        }
        for (const score of scores) expect(score >= 1 && score <= 5).toBe(true)
      }),
    )
  })
})

describe('rfm', () => {
  it.each([
    [5, 5, 5, 'champions'],
    [5, 1, 1, 'new'],
    [4, 1, 1, 'promising'],
    [5, 3, 2, 'potential_loyalist'],
    [3, 4, 5, 'loyal'],
    [3, 2, 2, 'need_attention'],
    [2, 4, 3, 'at_risk'],
    [1, 5, 5, 'cannot_lose'],
    [2, 1, 2, 'hibernating'],
    [1, 1, 1, 'lost'],
  ] as const)('R%i F%i M%i is %s', (r, f, m, segment) => {
    expect(rfmSegment(r, f, m)).toBe(segment)
  })

  it('scores customers relative to each other', () => {
    const customers = [
      customer('champ', 2, 40, 900_000),
      customer('loyal', 30, 25, 400_000),
      customer('mid', 60, 10, 100_000),
      customer('fading', 200, 3, 30_000),
      customer('gone', 400, 1, 2_000),
    ]
    const scores = rfmScores(customers, NOW)
    expect(scores.map((s) => [s.customerId, s.r, s.f, s.m, s.segment])).toEqual([
      ['champ', 5, 5, 5, 'champions'],
      ['loyal', 4, 4, 4, 'loyal'],
      ['mid', 3, 3, 3, 'need_attention'],
      ['fading', 2, 2, 2, 'hibernating'],
      ['gone', 1, 1, 1, 'lost'],
    ])
    expect(scores[0]?.recencyDays).toBe(2)
  })

  it('a big spender who stopped buying cannot be lost', () => {
    const customers = [
      customer('whale', 300, 30, 900_000),
      ...[1, 2, 3, 4].map((i) => customer(`c${i}`, i * 5, i, i * 1_000)),
    ]
    expect(rfmScores(customers, NOW)[0]?.segment).toBe('cannot_lose')
  })

  it('eight one-time buyers score F = M = 1 and land in the segments their recency gives', () => {
    const customers = [
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => customer(`o${i}`, i * 10, 1, 2_000)),
      customer('regular', 5, 5, 30_000),
      customer('whale', 90, 12, 90_000),
    ]
    // R compares 10 different recencies: 1 + ⌊5 × below / 9⌋
    expect(rfmScores(customers, NOW).map((s) => [s.customerId, s.r, s.f, s.m, s.segment])).toEqual([
      ['o1', 5, 1, 1, 'new'],
      ['o2', 4, 1, 1, 'promising'],
      ['o3', 4, 1, 1, 'promising'],
      ['o4', 3, 1, 1, 'need_attention'],
      ['o5', 3, 1, 1, 'need_attention'],
      ['o6', 2, 1, 1, 'hibernating'],
      ['o7', 2, 1, 1, 'hibernating'],
      ['o8', 1, 1, 1, 'lost'],
      ['regular', 5, 5, 5, 'champions'],
      ['whale', 1, 5, 5, 'cannot_lose'],
    ])
  })

  it('customers who never bought are not scored and do not push buyers out of R = 1', () => {
    const customers = [
      customer('recent', 10, 3, 30_000),
      customer('never1', null, 0, 0),
      customer('middle', 40, 2, 20_000),
      customer('never2', null, 0, 0),
      customer('lapsed', 70, 1, 10_000),
      { ...customer('never3', 5, 0, 0) }, // a date but no order: never bought
    ]
    expect(
      rfmScores(customers, NOW).map((s) => [s.customerId, s.recencyDays, s.r, s.f, s.m, s.segment]),
    ).toEqual([
      ['recent', 10, 5, 5, 5, 'champions'],
      ['never1', null, null, null, null, 'never_bought'],
      ['middle', 40, 3, 3, 3, 'need_attention'],
      ['never2', null, null, null, null, 'never_bought'],
      ['lapsed', 70, 1, 1, 1, 'lost'],
      ['never3', null, null, null, null, 'never_bought'],
    ])
  })

  it('rejects mixed currencies and NaN counts', () => {
    expect(() =>
      rfmScores(
        [customer('a', 1, 1, 100), { ...customer('b', 1, 1, 100), totalSpent: money(100, 'USD') }],
        NOW,
      ),
    ).toThrow(CurrencyMismatchError)
    expect(() => rfmScores([customer('a', 1, Number.NaN, 100)], NOW)).toThrow(InvalidInputError)
  })
})

describe('buyer status and reactivation', () => {
  const options = { inactivityDays: 90 }
  it.each([
    [customer('a', null, 0, 0), 'never'],
    [customer('b', 10, 1, 5_000), 'active'],
    [customer('c', 10, 3, 15_000), 'regular'],
    [customer('d', 90, 5, 15_000), 'regular'], // exactly at the window edge
    [customer('e', 91, 5, 15_000), 'inactive'],
  ])('%j → %s', (summary, status) => {
    expect(buyerStatus(summary, NOW, options)).toBe(status)
  })

  it('lists inactive customers, most valuable first, within limits', () => {
    const customers = [
      customer('recent', 10, 4, 90_000),
      customer('small', 120, 1, 2_000),
      customer('big', 150, 6, 80_000),
      customer('ancient', 900, 9, 99_000),
      customer('never', null, 0, 0),
    ]
    const candidates = reactivationCandidates(customers, NOW, { ...options, maxInactiveDays: 365 })
    expect(candidates.map((c) => c.customerId)).toEqual(['big', 'small'])
    expect(candidates[0]?.reason).toBe(
      'No purchase for 150 days (window 90); 6 order(s), 800.00 EUR spent before',
    )
    expect(
      reactivationCandidates(customers, NOW, { ...options, minOrders: 2 }).map((c) => c.customerId),
    ).toEqual(['ancient', 'big'])
  })
})

describe('historical CLV', () => {
  it('sums what the customer spent, times the margin, with AOV and frequency', () => {
    const summary = customer('a', 10, 4, 40_001, { firstPurchaseAt: daysAgo(730) })
    const clv = historicalClv(summary, NOW, { margin: { bps: 4000 } })
    expect(clv.clv).toEqual(EUR(16_000)) // 400.01 × 40% = 160.004 → 160.00
    expect(clv.averageOrderValue).toEqual(EUR(10_000)) // 100.0025 → 100.00
    expect(clv.lifespanDays).toBe(730)
    expect(clv.ordersPerYear).toBe(2)
  })

  it('does not annualise less than a year of history', () => {
    const fresh = customer('n', 0, 1, 5_000, { firstPurchaseAt: daysAgo(3) })
    expect(historicalClv(fresh, NOW).ordersPerYear).toBe(1)
    expect(historicalClv(customer('z', null, 0, 0), NOW)).toMatchObject({
      ordersPerYear: 0,
      clv: EUR(0),
      averageOrderValue: EUR(0),
    })
  })
})

describe('ambassador likelihood', () => {
  it('ranks recent, frequent, big spenders with past referrals first and explains why', () => {
    const customers = [
      customer('quiet-whale', 200, 30, 900_000),
      customer('referrer', 5, 10, 100_000, { qualifiedReferrals: 4 }),
      customer('fan', 3, 20, 300_000),
      customer('one-off', 300, 1, 1_000),
      customer('never', null, 0, 0),
    ]
    const ranking = ambassadorLikelihood(customers, NOW)
    expect(ranking.map((c) => [c.rank, c.customerId])).toEqual([
      [1, 'referrer'],
      [2, 'fan'],
      [3, 'quiet-whale'],
      [4, 'one-off'],
    ])
    expect(ranking[0]?.reason).toBe('recency R4, frequency F2, spend M2, 4 friend(s) referred')
    for (const candidate of ranking) expect(candidate.score >= 0 && candidate.score <= 1).toBe(true)
  })
})
