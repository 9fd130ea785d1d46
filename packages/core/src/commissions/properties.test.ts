import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CommissionRule } from './rule-types.ts'
import { active, EUR, run, sale } from './test-helpers.ts'

// A realistic, valid rule set used with random conversions.
const rules: CommissionRule[] = [
  { kind: 'percentage', id: 'base', name: 'Base', event: 'sale', rate: { bps: 1000 }, netOfTax: true },
  {
    kind: 'percentage',
    id: 'gold',
    name: 'Gold',
    event: 'sale',
    rate: { bps: 1500 },
    scope: { groupIds: ['gold'] },
  },
  {
    kind: 'percentage',
    id: 'vip',
    name: 'VIP',
    event: 'sale',
    rate: { percent: '17.5' },
    scope: { partnerIds: ['p1'] },
  },
  {
    kind: 'tiered',
    id: 'tiers',
    name: 'Tiers',
    event: 'sale',
    metric: 'revenue',
    mode: 'marginal',
    scope: { groupIds: ['silver'] },
    tiers: [
      { id: 't0', name: 'T0', from: EUR(0), rate: { bps: 800 } },
      { id: 't1', name: 'T1', from: EUR(50_000), rate: { bps: 1200 } },
    ],
  },
  {
    kind: 'product',
    id: 'books',
    name: 'Books',
    event: 'sale',
    match: { by: 'category', values: ['books'] },
    rate: { bps: 500 },
  },
  {
    kind: 'product',
    id: 'sku',
    name: 'Sku',
    event: 'sale',
    match: { by: 'sku', values: ['S1'] },
    amountPerUnit: EUR(150),
  },
  {
    kind: 'multi_level',
    id: 'ml',
    name: 'ML',
    levels: [
      { rate: { bps: 1000 }, of: 'commission' },
      { rate: { bps: 100 }, of: 'revenue' },
    ],
  },
  { kind: 'cap', id: 'cap', name: 'Cap', per: 'conversion', amount: EUR(2_500) },
]
const partners = {
  p1: { status: 'active' as const, groupId: 'gold', parentIds: ['m1', 'm2'] },
  p2: {
    status: 'active' as const,
    groupId: 'silver',
    parentIds: ['m1'],
    period: { conversions: 4, revenue: EUR(40_000), commission: EUR(0) },
  },
  p3: active,
  m1: active,
  m2: active,
}

const conversionArb = fc
  .record({
    items: fc.array(
      fc.record({
        sku: fc.constantFrom('S1', 'S2', 'S3'),
        category: fc.constantFrom('books', 'toys', null),
        quantity: fc.integer({ min: 1, max: 5 }),
        amount: fc.integer({ min: 0, max: 20_000 }).map(EUR),
      }),
      { maxLength: 5 },
    ),
    extra: fc.integer({ min: 0, max: 50_000 }),
    tax: fc.integer({ min: 0, max: 5_000 }),
  })
  .map(({ items, extra, tax }) => {
    const itemsTotal = items.reduce((sum, item) => sum + item.amount.amountMinor, 0)
    return sale(itemsTotal + extra + tax, { tax: EUR(tax), lineItems: items })
  })

const sharesArb = fc.subarray(['p1', 'p2', 'p3'], { minLength: 1 }).chain((ids) =>
  fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: ids.length, maxLength: ids.length }).map((raw) => {
    // turn raw weights into ppm that sum to exactly 1,000,000
    const total = raw.reduce((sum, value) => sum + value, 0)
    const ppm = raw.map((value) => Math.floor((value * 1_000_000) / total))
    ppm[0]! += 1_000_000 - ppm.reduce((sum, value) => sum + value, 0)
    return ids.map((partnerId, index) => ({ partnerId, weightPpm: ppm[index]! }))
  }),
)

describe('commission properties', () => {
  it('the order of the rules never changes the result', () => {
    fc.assert(
      fc.property(
        conversionArb,
        sharesArb,
        fc.shuffledSubarray(rules, { minLength: rules.length }),
        (conversion, shares, shuffled) => {
          const a = run({ rules, conversion, shares, partners })
          const b = run({ rules: shuffled, conversion, shares, partners })
          expect(b.lines.map((l) => [l.partnerId, l.ruleId, l.amount.amountMinor])).toEqual(
            a.lines.map((l) => [l.partnerId, l.ruleId, l.amount.amountMinor]),
          )
        },
      ),
    )
  })

  it('lines are positive whole minor units in the program currency, and caps hold', () => {
    fc.assert(
      fc.property(conversionArb, sharesArb, (conversion, shares) => {
        const result = run({ rules, conversion, shares, partners })
        for (const line of result.lines) {
          expect(Number.isSafeInteger(line.amount.amountMinor) && line.amount.amountMinor > 0).toBe(true)
          expect(line.amount.currency).toBe('EUR')
          expect(line.explanation).toMatch(/→ [\d,.]+ EUR/)
        }
        for (const { partnerId } of shares) {
          const own = result.lines.filter((l) => l.partnerId === partnerId && l.kind === 'commission')
          expect(own.reduce((sum, l) => sum + l.amount.amountMinor, 0)).toBeLessThanOrEqual(2_500)
        }
      }),
    )
  })

  it('splitting a conversion pays exactly the unsplit commission, rule by rule', () => {
    // Program-wide rules price every partner alike, so each rule's lines are one shared commission.
    const shared: CommissionRule[] = [
      { kind: 'percentage', id: 'base', name: 'Base', event: 'sale', rate: { bps: 1000 }, netOfTax: true },
      {
        kind: 'product',
        id: 'books',
        name: 'Books',
        event: 'sale',
        match: { by: 'category', values: ['books'] },
        rate: { numerator: 1, denominator: 3 },
      },
      {
        kind: 'product',
        id: 'sku',
        name: 'Sku',
        event: 'sale',
        match: { by: 'sku', values: ['S1'] },
        amountPerUnit: EUR(5),
      },
    ]
    const byRule = (lines: readonly { ruleId: string; amount: { amountMinor: number } }[]) => {
      const totals: Record<string, number> = {}
      for (const line of lines) totals[line.ruleId] = (totals[line.ruleId] ?? 0) + line.amount.amountMinor
      return totals
    }
    fc.assert(
      fc.property(
        conversionArb,
        sharesArb,
        fc.constantFrom('half-even', 'half-up', 'down', 'up') as fc.Arbitrary<'half-even'>,
        (conversion, shares, rounding) => {
          const whole = run({ rules: shared, conversion, partners, rounding }).lines
          const split = run({ rules: shared, conversion, shares, partners, rounding }).lines
          expect(byRule(split)).toEqual(byRule(whole))
        },
      ),
    )
  })
})
