import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocate } from '../money/allocate.ts'
import type { CommissionRule } from './rule-types.ts'
import { AT, active, amounts, EUR, run, sale } from './test-helpers.ts'

// A commission shared by several partners is rounded once and split by largest remainder,
// so the partners' lines add up to the commission the conversion earns.
const thirds = [
  { partnerId: 'p1', weightPpm: 333_334 },
  { partnerId: 'p2', weightPpm: 333_333 },
  { partnerId: 'p3', weightPpm: 333_333 },
]
const partners = { p1: active, p2: active, p3: active }
const tenPercent: CommissionRule = {
  kind: 'percentage',
  id: 'base',
  name: 'Base',
  event: 'sale',
  rate: { bps: 1000 },
}

describe('shared commissions add up', () => {
  it('10.00 EUR split 3 ways pays 3.34 + 3.33 + 3.33, not 3 × 3.33', () => {
    const result = run({ rules: [tenPercent], conversion: sale(10_000), shares: thirds, partners })
    expect(amounts(result)).toEqual({
      'p1/base/commission': 334,
      'p2/base/commission': 333,
      'p3/base/commission': 333,
    })
    expect(result.lines.map((line) => line.explanation)).toEqual([
      "10% revenue share from rule 'Base', on 100.00 EUR, × 33.3334% attribution share; 10.00 EUR shared by 3 partners, split by largest remainder → 3.34 EUR",
      "10% revenue share from rule 'Base', on 100.00 EUR, × 33.3333% attribution share; 10.00 EUR shared by 3 partners, split by largest remainder → 3.33 EUR",
      "10% revenue share from rule 'Base', on 100.00 EUR, × 33.3333% attribution share; 10.00 EUR shared by 3 partners, split by largest remainder → 3.33 EUR",
    ])
  })

  it('a 0.05 EUR flat fee split 3 ways pays 0.02 + 0.02 + 0.01, not 3 × 0.02 = 0.06', () => {
    const fee: CommissionRule = { kind: 'flat', id: 'cpl', name: 'CPL', event: 'lead', amount: EUR(5) }
    const lead = { event: 'lead', amount: EUR(0), occurredAt: AT }
    const result = run({ rules: [fee], conversion: lead, shares: thirds, partners })
    expect(amounts(result)).toEqual({
      'p1/cpl/commission': 2,
      'p2/cpl/commission': 2,
      'p3/cpl/commission': 1,
    })
  })

  it("the program's rounding mode rounds the whole before the split: 12.25 × 10% = 1.225 → 'up' 1.23", () => {
    const halves = [
      { partnerId: 'p1', weightPpm: 500_000 },
      { partnerId: 'p2', weightPpm: 500_000 },
    ]
    const result = run({
      rules: [tenPercent],
      conversion: sale(1_225),
      shares: halves,
      partners,
      rounding: 'up',
    })
    // per line 'up' would pay 0.62 + 0.62 = 1.24
    expect(amounts(result)).toEqual({ 'p1/base/commission': 62, 'p2/base/commission': 61 })
  })

  it('a partner who earns nothing leaves its share unpaid; the others split their part', () => {
    // p3 is suspended: p1 and p2 share 66.6667% of 10.00 = 6.666667 → 6.67 → 3.34 + 3.33
    const result = run({
      rules: [tenPercent],
      conversion: sale(10_000),
      shares: thirds,
      partners: { ...partners, p3: { status: 'suspended' } },
    })
    expect(amounts(result)).toEqual({ 'p1/base/commission': 334, 'p2/base/commission': 333 })
  })

  it('different rules for different partners are different commissions, each rounded alone', () => {
    const vip: CommissionRule = {
      ...tenPercent,
      id: 'vip',
      name: 'VIP',
      rate: { bps: 1500 },
      scope: { partnerIds: ['p1'] },
    }
    const result = run({ rules: [tenPercent, vip], conversion: sale(10_000), shares: thirds, partners })
    // p1: 15% × 100.00 × 33.3334% = 5.00001 → 5.00; p2 and p3 share 10%: 6.666666 → 6.67 → 3.34 + 3.33
    expect(amounts(result)).toEqual({
      'p1/vip/commission': 500,
      'p2/base/commission': 334,
      'p3/base/commission': 333,
    })
  })

  it('the volume increments add up to the net revenue as well', () => {
    const result = run({ rules: [tenPercent], conversion: sale(10_000), shares: thirds, partners })
    expect(result.volume.map((entry) => entry.revenue.amountMinor)).toEqual([3_334, 3_333, 3_333])
  })

  it('splits large amounts the same way, also beyond the safe products of the fast path', () => {
    // 10% of 100,000,000.10 EUR = 10,000,000.01 EUR; quotas in cents 333,334,000.333334 and
    // 333,333,000.333333 (twice): the leftover cent goes to the larger remainder
    const result = run({ rules: [tenPercent], conversion: sale(10_000_000_010), shares: thirds, partners })
    expect(amounts(result)).toEqual({
      'p1/base/commission': 333_334_001,
      'p2/base/commission': 333_333_000,
      'p3/base/commission': 333_333_000,
    })
    const huge = run({ rules: [tenPercent], conversion: sale(100_000_000_010), shares: thirds, partners })
    expect(huge.lines.map((line) => line.amount.amountMinor)).toEqual(
      allocate(EUR(10_000_000_001), [333_334, 333_333, 333_333]).map((part) => part.amountMinor),
    )
  })

  it('each partner gets exactly its largest-remainder part of the rounded whole (property)', () => {
    const weightsArb = fc
      .array(fc.integer({ min: 1, max: 1_000 }), { minLength: 2, maxLength: 4 })
      .map((raw) => {
        const sum = raw.reduce((a, b) => a + b, 0)
        const ppm = raw.map((value) => Math.floor((value * 1_000_000) / sum))
        ppm[0]! += 1_000_000 - ppm.reduce((a, b) => a + b, 0)
        return ppm
      })
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        weightsArb,
        fc.constantFrom('half-even', 'half-up', 'down', 'up') as fc.Arbitrary<'half-even'>,
        (amount, weights, rounding) => {
          const ids = weights.map((_, index) => `q${index}`)
          const shares = ids.map((partnerId, index) => ({ partnerId, weightPpm: weights[index]! }))
          const all = Object.fromEntries(ids.map((id) => [id, active]))
          const whole =
            run({ rules: [tenPercent], conversion: sale(amount), rounding }).lines[0]?.amount ?? EUR(0)
          const split = run({
            rules: [tenPercent],
            conversion: sale(amount),
            shares,
            partners: all,
            rounding,
          })
          const paid = ids.map(
            (id) => split.lines.find((line) => line.partnerId === id)?.amount.amountMinor ?? 0,
          )
          expect(paid).toEqual(allocate(whole, weights).map((part) => part.amountMinor))
        },
      ),
    )
  })
})
