import { describe, expect, it } from 'vitest'
import {
  CurrencyMismatchError,
  InvalidInputError,
  InvalidMoneyError,
  InvalidRuleError,
  UnknownCurrencyError,
} from '../errors.ts'
import { money } from '../money/money.ts'
import type { CommissionRule } from './rule-types.ts'
import { AT, active, amounts, EUR, run, sale } from './test-helpers.ts'

const pct = (id: string, bps: number, extra: Partial<CommissionRule> = {}): CommissionRule =>
  ({ kind: 'percentage', id, name: id, event: 'sale', rate: { bps }, ...extra }) as CommissionRule

describe('flat per action', () => {
  const cpl: CommissionRule = { kind: 'flat', id: 'cpl', name: 'CPL', event: 'lead', amount: EUR(500) }
  const trial: CommissionRule = {
    kind: 'flat',
    id: 'trial',
    name: 'Trial',
    event: 'trial_started',
    amount: EUR(250),
  }

  it.each([
    ['lead', 1_000_000, { 'p1/cpl/commission': 500 }],
    ['trial_started', 1_000_000, { 'p1/trial/commission': 250 }],
  ])('%s pays its flat amount', (event, weightPpm, expected) => {
    const result = run({
      rules: [cpl, trial],
      conversion: { event, amount: EUR(0), occurredAt: AT },
      shares: [{ partnerId: 'p1', weightPpm }],
    })
    expect(amounts(result)).toEqual(expected)
  })

  it('a shared lead splits the flat amount by attribution weight', () => {
    const result = run({
      rules: [cpl],
      conversion: { event: 'lead', amount: EUR(0), occurredAt: AT },
      shares: [
        { partnerId: 'p1', weightPpm: 600_000 },
        { partnerId: 'p2', weightPpm: 400_000 },
      ],
      partners: { p1: active, p2: active },
    })
    expect(amounts(result)).toEqual({ 'p1/cpl/commission': 300, 'p2/cpl/commission': 200 })
    expect(result.lines[0]?.explanation).toBe(
      "5.00 EUR per lead from rule 'CPL', × 60% attribution share → 3.00 EUR",
    )
  })

  it('an event without a rule earns nothing and says so', () => {
    const result = run({ rules: [cpl], conversion: sale(10_000) })
    expect(result.lines).toEqual([])
    expect(result.notes).toEqual(["No commission rule prices 'sale' for p1."])
  })
})

describe('percentage of revenue', () => {
  it('explains the rate, the base and the result', () => {
    const result = run({
      rules: [pct('gold', 1000, { name: 'Gold tier', netOfTax: true })],
      conversion: sale(12_000, { tax: EUR(2_000) }),
    })
    expect(result.lines).toEqual([
      {
        partnerId: 'p1',
        level: 0,
        ruleId: 'gold',
        kind: 'commission',
        amount: EUR(1_000),
        explanation:
          "10% revenue share from rule 'Gold tier', on 120.00 EUR net of 20.00 EUR tax → 10.00 EUR",
      },
    ])
  })

  it.each([
    [{}, 1_300], // 10% of 130.00 gross
    [{ netOfTax: true }, 1_100], // 130 − 20 = 110
    [{ netOfShipping: true }, 1_200], // 130 − 10 = 120
    [{ netOfTax: true, netOfShipping: true }, 1_000], // 130 − 20 − 10 = 100
  ])('base %j → %i', (base, expected) => {
    const result = run({
      rules: [pct('r', 1000, base)],
      conversion: sale(13_000, { tax: EUR(2_000), shipping: EUR(1_000) }),
    })
    expect(result.lines[0]?.amount.amountMinor).toBe(expected)
  })

  it('accepts exact decimal rates', () => {
    const rule: CommissionRule = {
      kind: 'percentage',
      id: 'r',
      name: 'r',
      event: 'sale',
      rate: { percent: '7.5' },
    }
    expect(amounts(run({ rules: [rule], conversion: sale(10_000) }))).toEqual({ 'p1/r/commission': 750 })
  })

  it.each([
    ['half-even', 122], // 10% of 12.25 = 1.225 → 1.22
    ['half-up', 123],
    ['down', 122],
    ['up', 123],
  ] as const)('rounds once with the program mode %s', (rounding, expected) => {
    const result = run({ rules: [pct('r', 1000)], conversion: sale(1_225), rounding })
    expect(result.lines[0]?.amount.amountMinor).toBe(expected)
  })

  it('rounds once per line, not per item or per step', () => {
    // three 5-cent items at 10%: 0.5 + 0.5 + 0.5 = 1.5 → 2 (rounding each item would give 0)
    const rule: CommissionRule = {
      kind: 'product',
      id: 'p',
      name: 'Pens',
      event: 'sale',
      match: { by: 'category', values: ['pens'] },
      rate: { bps: 1000 },
    }
    const items = [1, 2, 3].map((n) => ({ sku: `pen-${n}`, category: 'pens', quantity: 1, amount: EUR(5) }))
    const result = run({ rules: [rule], conversion: sale(15, { lineItems: items }) })
    expect(amounts(result)).toEqual({ 'p1/p/commission': 2 })
  })

  it('converts a foreign-currency conversion exactly, rounding once', () => {
    const result = run({
      rules: [pct('r', 1000)],
      conversion: { event: 'sale', amount: money(10_800, 'USD'), occurredAt: AT },
      fx: { base: 'EUR', rates: { USD: '1.08' } },
    })
    expect(result.lines[0]?.amount).toEqual(EUR(1_000)) // 108 USD = 100 EUR → 10 EUR
    expect(result.lines[0]?.explanation).toContain('at 1 USD = 0.925926 EUR')
  })
})

describe('tiers by period volume', () => {
  const countTiers: CommissionRule = {
    kind: 'tiered',
    id: 'vol',
    name: 'Volume',
    event: 'sale',
    metric: 'count',
    mode: 'whole',
    tiers: [
      { id: 'base', name: 'Base', from: 0, rate: { bps: 1000 } },
      { id: 'gold', name: 'Gold', from: 10, rate: { bps: 1500 } },
    ],
  }
  const withPeriod = (conversions: number, revenue = 0) => ({
    p1: { status: 'active' as const, period: { conversions, revenue: EUR(revenue), commission: EUR(0) } },
  })

  it.each([
    [0, 1_000], // 1st sale: 10%
    [8, 1_000], // 9th sale: still 10%
    [9, 1_500], // 10th sale reaches Gold: 15% on the whole sale
    [50, 1_500],
  ])('count: %i sales before → %i', (before, expected) => {
    const result = run({ rules: [countTiers], partners: withPeriod(before) })
    expect(result.lines[0]?.amount.amountMinor).toBe(expected)
  })

  it('names the tier and the volume', () => {
    const result = run({ rules: [countTiers], partners: withPeriod(9) })
    expect(result.lines[0]?.explanation).toBe(
      "15% from tier 'Gold' of rule 'Volume': the tier starts at 10 sales, the period volume is 10 sales including this sale; on 100.00 EUR → 15.00 EUR",
    )
  })

  const revenueTiers = (mode: 'whole' | 'marginal'): CommissionRule => ({
    kind: 'tiered',
    id: 'rev',
    name: 'Revenue',
    event: 'sale',
    metric: 'revenue',
    mode,
    tiers: [
      { id: 'base', name: 'Base', from: EUR(0), rate: { bps: 1000 } },
      { id: 'silver', name: 'Silver', from: EUR(100_000), rate: { bps: 1200 } }, // from 1,000.00 EUR
    ],
  })

  it('revenue, whole: the tier reached by this sale applies to all of it', () => {
    // 980 + 50 = 1,030 ≥ 1,000 → 12% of 50.00 = 6.00
    const result = run({
      rules: [revenueTiers('whole')],
      conversion: sale(5_000),
      partners: withPeriod(3, 98_000),
    })
    expect(amounts(result)).toEqual({ 'p1/rev/commission': 600 })
  })

  it('revenue, marginal: each slice earns its band rate', () => {
    // 980 → 1,030: 20.00 at 10% + 30.00 at 12% = 2.00 + 3.60 = 5.60
    const result = run({
      rules: [revenueTiers('marginal')],
      conversion: sale(5_000),
      partners: withPeriod(3, 98_000),
    })
    expect(amounts(result)).toEqual({ 'p1/rev/commission': 560 })
    expect(result.lines[0]?.explanation).toContain(
      "20.00 EUR at 10% (tier 'Base') + 30.00 EUR at 12% (tier 'Silver')",
    )
  })

  it('flat amounts per tier', () => {
    const flatTiers: CommissionRule = {
      kind: 'tiered',
      id: 'cpa',
      name: 'CPA ladder',
      event: 'signup',
      metric: 'count',
      mode: 'whole',
      tiers: [
        { id: 't1', name: 'Starter', from: 0, amount: EUR(200) },
        { id: 't2', name: 'Pro', from: 5, amount: EUR(300) },
      ],
    }
    const signup = { event: 'signup', amount: EUR(0), occurredAt: AT }
    expect(amounts(run({ rules: [flatTiers], conversion: signup, partners: withPeriod(3) }))).toEqual({
      'p1/cpa/commission': 200,
    })
    expect(amounts(run({ rules: [flatTiers], conversion: signup, partners: withPeriod(4) }))).toEqual({
      'p1/cpa/commission': 300,
    })
  })
})

describe('recurring', () => {
  const saas: CommissionRule = {
    kind: 'recurring',
    id: 'saas',
    name: 'SaaS',
    event: 'sale',
    rate: { bps: 3000 },
    maxPayments: 12,
    after: { fromMonth: 6, rate: { bps: 2000 } },
  }
  const payment = (paymentIndex: number, monthsSinceFirstPayment: number) =>
    sale(4_900, { recurring: { paymentIndex, monthsSinceFirstPayment } })

  it.each([
    [1, 0, 1_470], // 30% of 49.00
    [3, 2, 1_470],
    [7, 6, 980], // from month 6: 20%
    [12, 11, 980],
  ])('payment #%i (month %i) → %i', (index, month, expected) => {
    expect(run({ rules: [saas], conversion: payment(index, month) }).lines[0]?.amount.amountMinor).toBe(
      expected,
    )
  })

  it('stops after maxPayments, naming the rule and its limit', () => {
    const result = run({ rules: [saas], conversion: payment(13, 12) })
    expect(result.lines).toEqual([])
    expect(result.notes).toEqual([
      "p1 earns no commission on this payment: rule 'SaaS' pays the first 12 payments; this is payment 13.",
    ])
  })

  it('lifetime (maxPayments null) keeps paying', () => {
    const lifetime: CommissionRule = { ...saas, maxPayments: null } as CommissionRule
    expect(run({ rules: [lifetime], conversion: payment(40, 39) }).lines[0]?.amount.amountMinor).toBe(980)
  })

  it('renewals are not priced by one-off rules; the first payment is', () => {
    expect(run({ rules: [pct('r', 1000)], conversion: payment(2, 1) }).lines).toEqual([])
    expect(run({ rules: [pct('r', 1000)], conversion: payment(1, 0) }).lines[0]?.amount.amountMinor).toBe(490)
  })

  it('on the first payment a recurring rule beats an equally scoped percentage rule', () => {
    expect(amounts(run({ rules: [pct('r', 1000), saas], conversion: payment(1, 0) }))).toEqual({
      'p1/saas/commission': 1_470,
    })
  })
})

describe('products, SKUs and categories on line items', () => {
  const rules: CommissionRule[] = [
    pct('default', 1000),
    {
      kind: 'product',
      id: 'cat',
      name: 'Kitchen',
      event: 'sale',
      match: { by: 'category', values: ['kitchen'] },
      rate: { bps: 500 },
    },
    {
      kind: 'product',
      id: 'sku',
      name: 'Knife promo',
      event: 'sale',
      match: { by: 'sku', values: ['KNIFE-1'] },
      rate: { bps: 2000 },
    },
    {
      kind: 'product',
      id: 'books',
      name: 'Books',
      event: 'sale',
      match: { by: 'productId', values: ['book'] },
      amountPerUnit: EUR(200),
    },
  ]
  const items = [
    { sku: 'KNIFE-1', category: 'kitchen', quantity: 1, amount: EUR(4_000) }, // sku beats category: 20% → 8.00
    { sku: 'PAN-2', category: 'kitchen', quantity: 1, amount: EUR(3_000) }, // category: 5% → 1.50
    { sku: 'BK-9', productId: 'book', quantity: 3, amount: EUR(2_000) }, // 2.00 per unit × 3 → 6.00
    { sku: 'MISC', quantity: 1, amount: EUR(1_000) }, // the rest of the order: 10% → 1.00 (+ shipping 10.00 → 1.00)
  ]

  it('each item goes to its most specific rule, the order rule takes the rest', () => {
    const result = run({ rules, conversion: sale(11_000, { lineItems: items, shipping: EUR(1_000) }) })
    // rest = 110.00 − 90.00 of items priced by product rules = 20.00 → 2.00
    expect(amounts(result)).toEqual({
      'p1/sku/commission': 800,
      'p1/cat/commission': 150,
      'p1/books/commission': 600,
      'p1/default/commission': 200,
    })
    expect(result.lines.find((line) => line.ruleId === 'books')?.explanation).toBe(
      "2.00 EUR per unit from product rule 'Books' (productId book, program-wide) × 3 unit(s) → 6.00 EUR",
    )
  })

  it('when product rules price every item, the order rule adds nothing', () => {
    const result = run({ rules, conversion: sale(4_000, { lineItems: [items[0]!] }) })
    expect(amounts(result)).toEqual({ 'p1/sku/commission': 800 })
  })

  it('a product rule with 0% excludes the item (gift cards) even for a partner override', () => {
    const giftCards: CommissionRule = {
      kind: 'product',
      id: 'gc',
      name: 'Gift cards',
      event: 'sale',
      match: { by: 'category', values: ['gift'] },
      rate: { bps: 0 },
    }
    const vip = pct('vip', 2000, { scope: { partnerIds: ['p1'] } })
    const conversion = sale(10_000, {
      lineItems: [{ sku: 'GC', category: 'gift', quantity: 1, amount: EUR(5_000) }],
    })
    const result = run({ rules: [giftCards, vip], conversion })
    expect(amounts(result)).toEqual({ 'p1/vip/commission': 1_000 }) // 20% of the other 50.00
    expect(result.notes.join(' ')).toContain("0% from product rule 'Gift cards'")
  })
})

describe('precedence: most specific wins, never list order', () => {
  const rules: CommissionRule[] = [
    pct('program', 1000, { name: 'Default 10%' }),
    pct('group', 1200, { name: 'Gold group 12%', scope: { groupIds: ['gold'] } }),
    pct('partner', 1500, { name: 'VIP 15%', scope: { partnerIds: ['p1'] } }),
  ]
  const partners = {
    p1: { status: 'active' as const, groupId: 'gold' },
    p2: { status: 'active' as const, groupId: 'gold' },
    p3: active,
  }

  it.each([
    ['p1', 'partner', 1_500],
    ['p2', 'group', 1_200],
    ['p3', 'program', 1_000],
  ])('%s is priced by the %s rule', (partnerId, ruleId, expected) => {
    for (const order of [rules, [...rules].reverse()]) {
      const result = run({ rules: order, partners, shares: [{ partnerId, weightPpm: 1_000_000 }] })
      expect(amounts(result)).toEqual({ [`${partnerId}/${ruleId}/commission`]: expected })
    }
  })

  it('the explanation says which rule lost and why', () => {
    const result = run({ rules, partners, shares: [{ partnerId: 'p1', weightPpm: 1_000_000 }] })
    expect(result.lines[0]?.explanation).toContain(
      "rule 'VIP 15%' (partner-specific; beats partner-group rule 'Gold group 12%')",
    )
  })

  it('scope beats condition: a partner-specific percentage beats a program-wide tier ladder', () => {
    const tiers: CommissionRule = {
      kind: 'tiered',
      id: 'tiers',
      name: 'Tiers',
      event: 'sale',
      metric: 'count',
      mode: 'whole',
      tiers: [{ id: 'a', name: 'A', from: 0, rate: { bps: 3000 } }],
    }
    expect(amounts(run({ rules: [tiers, rules[2]!], partners }))).toEqual({ 'p1/partner/commission': 1_500 })
    // with equal scope the tier ladder beats the plain percentage
    expect(amounts(run({ rules: [tiers, rules[0]!], partners }))).toEqual({ 'p1/tiers/commission': 3_000 })
  })

  it('a partner-specific product rule beats a program-wide one on the same items', () => {
    const program: CommissionRule = {
      kind: 'product',
      id: 'all',
      name: 'Shoes',
      event: 'sale',
      match: { by: 'category', values: ['shoes'] },
      rate: { bps: 500 },
    }
    const mine: CommissionRule = {
      ...program,
      id: 'mine',
      name: 'My shoes',
      rate: { bps: 900 },
      scope: { partnerIds: ['p1'] },
    } as CommissionRule
    const conversion = sale(10_000, {
      lineItems: [{ sku: 'S', category: 'shoes', quantity: 1, amount: EUR(10_000) }],
    })
    expect(amounts(run({ rules: [program, mine], conversion }))).toEqual({ 'p1/mine/commission': 900 })
  })
})

describe('the README worked example', () => {
  it('gift cards at 0% for everyone, the VIP rate on the rest', () => {
    const rules: CommissionRule[] = [
      pct('program', 1000, { name: 'Default 10%' }),
      pct('gold', 1200, { name: 'Gold 12%', scope: { groupIds: ['gold'] } }),
      pct('vip', 1500, { name: 'VIP 15%', scope: { partnerIds: ['p1'] } }),
      {
        kind: 'product',
        id: 'gc',
        name: 'Gift cards',
        event: 'sale',
        match: { by: 'category', values: ['gift'] },
        rate: { bps: 0 },
      },
    ]
    const conversion = sale(10_000, {
      lineItems: [
        { sku: 'GC-50', category: 'gift', quantity: 1, amount: EUR(5_000) },
        { sku: 'SHOE-1', category: 'shoes', quantity: 1, amount: EUR(5_000) },
      ],
    })
    const result = run({ rules, conversion, partners: { p1: { status: 'active', groupId: 'gold' } } })
    expect(result.lines.map((line) => [line.ruleId, line.amount.amountMinor, line.explanation])).toEqual([
      [
        'vip',
        750,
        "15% revenue share from rule 'VIP 15%' (partner-specific; beats partner-group rule 'Gold 12%'), on 100.00 EUR, less 50.00 EUR of items priced by product rules → 7.50 EUR",
      ],
    ])
  })
})

describe('multi-level overrides', () => {
  const twoLevels: CommissionRule = {
    kind: 'multi_level',
    id: 'ml',
    name: 'Network',
    levels: [
      { rate: { bps: 1000 }, of: 'commission' },
      { rate: { bps: 200 }, of: 'revenue' },
    ],
  }
  const chain = {
    p1: { status: 'active' as const, parentIds: ['parent', 'grand'] },
    parent: active,
    grand: active,
  }

  it('the parent earns a share of the commission, the grandparent a share of revenue', () => {
    // p1: 10% of 100.00 = 10.00; parent: 10% of 10.00 = 1.00; grand: 2% of 100.00 = 2.00
    const result = run({ rules: [pct('r', 1000), twoLevels], partners: chain })
    expect(amounts(result)).toEqual({
      'p1/r/commission': 1_000,
      'parent/ml/override': 100,
      'grand/ml/override': 200,
    })
    expect(result.lines.map((line) => line.level)).toEqual([0, 1, 2])
    expect(result.lines[1]?.explanation).toBe(
      "level 1 override: 10% of p1's 10.00 EUR commission, from rule 'Network' → 1.00 EUR",
    )
  })

  it('an inactive parent is skipped, the level above still earns', () => {
    const result = run({
      rules: [pct('r', 1000), twoLevels],
      partners: { ...chain, parent: { status: 'suspended' } },
    })
    expect(amounts(result)).toEqual({ 'p1/r/commission': 1_000, 'grand/ml/override': 200 })
    expect(result.notes).toContain('Level 1 parent parent is suspended and earns no override.')
  })

  it('only as many levels as the rule has', () => {
    const result = run({
      rules: [pct('r', 1000), { ...twoLevels, levels: [twoLevels.levels[0]!] } as CommissionRule],
      partners: chain,
    })
    expect(Object.keys(amounts(result))).toEqual(['p1/r/commission', 'parent/ml/override'])
  })

  it('a parent missing from the partners map is an input error', () => {
    expect(() => run({ rules: [pct('r', 1000), twoLevels], partners: { p1: chain.p1 } })).toThrow(
      /Partner parent \(level 1 parent of p1\) is missing/,
    )
  })
})

describe('caps', () => {
  const cap = (per: 'conversion' | 'partner_period', amountMinor: number, extra = {}): CommissionRule =>
    ({
      kind: 'cap',
      id: `cap-${per}-${amountMinor}`,
      name: `Cap ${amountMinor}`,
      per,
      amount: EUR(amountMinor),
      ...extra,
    }) as CommissionRule

  it('per conversion', () => {
    const result = run({ rules: [pct('r', 1000), cap('conversion', 500)] })
    expect(amounts(result)).toEqual({ 'p1/r/commission': 500 })
    expect(result.lines[0]?.explanation).toContain(
      "capped from 10.00 EUR by the program-wide cap 'Cap 500' of 5.00 EUR per conversion → 5.00 EUR",
    )
  })

  it('per partner per period, given what was earned already', () => {
    const partners = {
      p1: { status: 'active' as const, period: { conversions: 9, revenue: EUR(0), commission: EUR(9_700) } },
    }
    expect(amounts(run({ rules: [pct('r', 1000), cap('partner_period', 10_000)], partners }))).toEqual({
      'p1/r/commission': 300,
    })
    const full = {
      p1: { status: 'active' as const, period: { conversions: 9, revenue: EUR(0), commission: EUR(10_000) } },
    }
    expect(run({ rules: [pct('r', 1000), cap('partner_period', 10_000)], partners: full }).lines).toEqual([])
  })

  it('the most specific cap applies (a partner cap can be more generous than the program cap)', () => {
    const rules = [
      pct('r', 1000),
      cap('conversion', 500),
      cap('conversion', 5_000, { scope: { partnerIds: ['p1'] } }),
    ]
    expect(amounts(run({ rules }))).toEqual({ 'p1/r/commission': 1_000 })
  })

  it('a cap over several lines splits the limit in proportion', () => {
    const product: CommissionRule = {
      kind: 'product',
      id: 'x',
      name: 'X',
      event: 'sale',
      match: { by: 'sku', values: ['X'] },
      rate: { bps: 1000 },
    }
    // lines 6.00 (product, on 60.00) and 4.00 (rest, on 40.00) capped to 5.00 → 3.00 and 2.00
    const conversion = sale(10_000, { lineItems: [{ sku: 'X', quantity: 1, amount: EUR(6_000) }] })
    const result = run({ rules: [pct('r', 1000), product, cap('conversion', 500)], conversion })
    expect(amounts(result)).toEqual({ 'p1/x/commission': 300, 'p1/r/commission': 200 })
  })
})

describe('one-off bonuses', () => {
  const bonus: CommissionRule = {
    kind: 'bonus',
    id: 'b100',
    name: '10 sales',
    amount: EUR(5_000),
    trigger: { event: 'sale', metric: 'count', threshold: 10 },
  }
  const at = (conversions: number, revenue = 0) => ({
    p1: { status: 'active' as const, period: { conversions, revenue: EUR(revenue), commission: EUR(0) } },
  })

  it.each([
    [8, false],
    [9, true], // this sale is the 10th
    [10, false], // already crossed
  ])('count threshold with %i sales before → fires: %s', (before, fires) => {
    const result = run({ rules: [pct('r', 1000), bonus], partners: at(before) })
    expect('p1/b100/bonus' in amounts(result)).toBe(fires)
  })

  it('revenue thresholds and tier triggers', () => {
    const revenue: CommissionRule = {
      kind: 'bonus',
      id: 'rev',
      name: '1k',
      amount: EUR(2_000),
      trigger: { event: 'sale', metric: 'revenue', threshold: EUR(100_000) },
    }
    const tiers: CommissionRule = {
      kind: 'tiered',
      id: 'tiers',
      name: 'Tiers',
      event: 'sale',
      metric: 'revenue',
      mode: 'whole',
      tiers: [
        { id: 'base', name: 'Base', from: EUR(0), rate: { bps: 1000 } },
        { id: 'gold', name: 'Gold', from: EUR(95_000), rate: { bps: 1500 } },
      ],
    }
    const onTier: CommissionRule = {
      kind: 'bonus',
      id: 'gold',
      name: 'Welcome to Gold',
      amount: EUR(1_000),
      trigger: { tier: { ruleId: 'tiers', tierId: 'gold' } },
    }
    // 920.00 + 100.00 = 1,020.00: crosses both 950.00 (Gold) and 1,000.00
    const result = run({ rules: [tiers, revenue, onTier], partners: at(5, 92_000) })
    expect(amounts(result)).toEqual({
      'p1/tiers/commission': 1_500,
      'p1/rev/bonus': 2_000,
      'p1/gold/bonus': 1_000,
    })
    expect(result.lines[2]?.explanation).toContain("reaching tier 'Gold' of rule 'Tiers'")
  })
})

describe('partners and shares', () => {
  it('reports the volume each partner gains', () => {
    const result = run({
      rules: [pct('r', 1000)],
      conversion: sale(12_000, { tax: EUR(2_000) }),
      shares: [
        { partnerId: 'p1', weightPpm: 333_334 },
        { partnerId: 'p2', weightPpm: 666_666 },
      ],
      partners: { p1: active, p2: active },
    })
    expect(result.volume).toEqual([
      { partnerId: 'p1', conversions: 1, revenue: EUR(3_333) },
      { partnerId: 'p2', conversions: 1, revenue: EUR(6_667) },
    ])
  })

  it('a partner that is not active earns nothing', () => {
    const result = run({ rules: [pct('r', 1000)], partners: { p1: { status: 'suspended' } } })
    expect(result.lines).toEqual([])
    expect(result.notes).toEqual(['p1 is suspended and earns nothing.'])
  })

  it('no shares, no lines', () => {
    expect(run({ rules: [pct('r', 1000)], shares: [] }).lines).toEqual([])
  })
})

describe('bad input raises typed errors', () => {
  const rules = [pct('r', 1000)]
  it.each<[string, () => unknown, new (...args: never[]) => Error, RegExp]>([
    [
      'negative amount',
      () => run({ rules, conversion: sale(-100) }),
      InvalidInputError,
      /must not be negative/,
    ],
    [
      'NaN amount',
      () =>
        run({
          rules,
          conversion: { event: 'sale', amount: { amountMinor: Number.NaN, currency: 'EUR' }, occurredAt: AT },
        }),
      InvalidMoneyError,
      /whole number of minor units/,
    ],
    [
      'unknown currency',
      () =>
        run({
          rules,
          conversion: { event: 'sale', amount: { amountMinor: 1, currency: 'EUX' }, occurredAt: AT },
        }),
      UnknownCurrencyError,
      /EUX/,
    ],
    [
      'tax in another currency',
      () => run({ rules, conversion: sale(100, { tax: money(1, 'USD') }) }),
      CurrencyMismatchError,
      /^The tax is in USD but the conversion is in EUR$/,
    ],
    [
      'tax above amount',
      () => run({ rules, conversion: sale(1_000, { tax: EUR(2_000) }) }),
      InvalidInputError,
      /^Tax and shipping \(20\.00 EUR\) exceed the conversion amount \(10\.00 EUR\)$/,
    ],
    [
      'negative shipping',
      () => run({ rules, conversion: sale(1_000, { shipping: EUR(-500) }) }),
      InvalidInputError,
      /^The shipping must not be negative \(refunds are lifecycle events\), got -5\.00 EUR$/,
    ],
    [
      'items above amount',
      () =>
        run({ rules, conversion: sale(100, { lineItems: [{ sku: 'a', quantity: 1, amount: EUR(101) }] }) }),
      InvalidInputError,
      /^Line items add up to 1\.01 EUR, more than the amount net of tax and shipping \(1\.00 EUR\)$/,
    ],
    [
      'shares not summing to one',
      () => run({ rules, shares: [{ partnerId: 'p1', weightPpm: 999_999 }] }),
      InvalidInputError,
      /sum to 1,000,000/,
    ],
    [
      'NaN weight',
      () => run({ rules, shares: [{ partnerId: 'p1', weightPpm: Number.NaN }] }),
      InvalidInputError,
      /parts per million/,
    ],
    [
      'missing partner',
      () => run({ rules, partners: {} }),
      InvalidInputError,
      /p1 \(attributed\) is missing/,
    ],
    [
      'foreign currency without FX',
      () => run({ rules, conversion: { event: 'sale', amount: money(100, 'USD'), occurredAt: AT } }),
      InvalidInputError,
      /pass an FX table/,
    ],
    [
      'invalid date',
      () => run({ rules, conversion: sale(100, { occurredAt: new Date(Number.NaN) }) }),
      InvalidInputError,
      /occurredAt/,
    ],
    [
      'bonus on a missing tier',
      () =>
        run({
          rules: [
            ...rules,
            {
              kind: 'bonus',
              id: 'b',
              name: 'b',
              amount: EUR(1),
              trigger: { tier: { ruleId: 'r', tierId: 'gold' } },
            },
          ],
        }),
      InvalidRuleError,
      /not tiered/,
    ],
  ])('%s', (_name, call, type, message) => {
    expect(call).toThrow(type)
    expect(call).toThrow(message)
  })

  it('a period volume in another currency is a CurrencyMismatchError, as money arithmetic raises', () => {
    const partners = {
      p1: {
        status: 'active' as const,
        period: { conversions: 0, revenue: money(0, 'USD'), commission: EUR(0) },
      },
    }
    const call = () => run({ rules, partners })
    expect(call).toThrow(CurrencyMismatchError)
    expect(call).toThrow("p1's period revenue is in USD, the rule set in EUR: convert it first")
    try {
      call()
    } catch (error) {
      expect((error as CurrencyMismatchError).code).toBe('currency_mismatch')
      expect([(error as CurrencyMismatchError).left, (error as CurrencyMismatchError).right]).toEqual([
        'EUR',
        'USD',
      ])
    }
  })
})
