import { describe, expect, it } from 'vitest'
import { InvalidRuleError } from '../errors.ts'
import type { CommissionRule, RuleProblemCode } from './rule-types.ts'
import { assertValidRuleSet, validateRuleSet } from './validate-rule-set.ts'

const EUR = (amountMinor: number) => ({ amountMinor, currency: 'EUR' })
const base: CommissionRule = {
  kind: 'percentage',
  id: 'base',
  name: 'Base',
  event: 'sale',
  rate: { bps: 1000 },
}
const tiers: CommissionRule = {
  kind: 'tiered',
  id: 'tiers',
  name: 'Tiers',
  event: 'sale',
  metric: 'count',
  mode: 'whole',
  tiers: [
    { id: 'bronze', name: 'Bronze', from: 0, rate: { bps: 1000 } },
    { id: 'gold', name: 'Gold', from: 10, rate: { bps: 1500 } },
  ],
}
const codes = (rules: unknown[], currency = 'EUR') =>
  validateRuleSet({ currency, rules }).map((problem) => problem.code)

describe('validateRuleSet', () => {
  it('accepts a realistic rule set', () => {
    const rules: CommissionRule[] = [
      base,
      tiers,
      {
        kind: 'percentage',
        id: 'gold-group',
        name: 'Gold group',
        event: 'sale',
        rate: { percent: '12.5' },
        scope: { groupIds: ['gold'] },
      },
      { kind: 'flat', id: 'cpl', name: 'CPL', event: 'lead', amount: EUR(500) },
      {
        kind: 'recurring',
        id: 'saas',
        name: 'SaaS',
        event: 'sale',
        rate: { bps: 3000 },
        maxPayments: 12,
        after: { fromMonth: 6, rate: { bps: 2000 } },
      },
      {
        kind: 'product',
        id: 'gc',
        name: 'Gift cards',
        event: 'sale',
        match: { by: 'category', values: ['gift'] },
        rate: { bps: 0 },
      },
      { kind: 'multi_level', id: 'ml', name: 'Network', levels: [{ rate: { bps: 1000 }, of: 'commission' }] },
      { kind: 'cap', id: 'cap', name: 'Cap', per: 'conversion', amount: EUR(10_000) },
      {
        kind: 'bonus',
        id: 'gold-bonus',
        name: 'Gold bonus',
        amount: EUR(5_000),
        trigger: { tier: { ruleId: 'tiers', tierId: 'gold' } },
      },
    ]
    expect(validateRuleSet({ currency: 'EUR', rounding: 'half-up', rules })).toEqual([])
    expect(assertValidRuleSet({ currency: 'EUR', rules })).toBeTruthy()
  })

  it.each<[string, unknown[], RuleProblemCode]>([
    ['unknown kind', [{ ...base, kind: 'magic' }], 'unknown_kind'],
    ['duplicate id', [base, { ...base, event: 'lead' }], 'duplicate_rule_id'],
    ['missing name', [{ ...base, name: '' }], 'missing_field'],
    ['missing event', [{ ...base, event: undefined }], 'missing_field'],
    ['negative bps', [{ ...base, rate: { bps: -5 } }], 'invalid_rate'],
    ['NaN bps', [{ ...base, rate: { bps: Number.NaN } }], 'invalid_rate'],
    ['float percent', [{ ...base, rate: { percent: 12.5 } }], 'invalid_rate'],
    [
      'flat in another currency',
      [{ kind: 'flat', id: 'f', name: 'f', event: 'lead', amount: { amountMinor: 5, currency: 'USD' } }],
      'currency_mismatch',
    ],
    [
      'negative flat',
      [{ kind: 'flat', id: 'f', name: 'f', event: 'lead', amount: EUR(-5) }],
      'invalid_money',
    ],
    [
      'unknown currency in money',
      [{ kind: 'flat', id: 'f', name: 'f', event: 'lead', amount: { amountMinor: 5, currency: 'XXY' } }],
      'invalid_money',
    ],
    ['scope with both lists', [{ ...base, scope: { partnerIds: ['a'], groupIds: ['g'] } }], 'invalid_scope'],
    ['empty scope list', [{ ...base, scope: { partnerIds: [] } }], 'invalid_scope'],
    [
      'first tier not at zero',
      [{ ...tiers, tiers: [{ id: 'a', name: 'A', from: 5, rate: { bps: 1 } }] }],
      'invalid_tiers',
    ],
    [
      'tiers not ascending',
      [{ ...tiers, tiers: [tiers.tiers[0], { ...tiers.tiers[1], from: 0 }] }],
      'invalid_tiers',
    ],
    [
      'tier with rate and amount',
      [{ ...tiers, tiers: [{ id: 'a', name: 'A', from: 0, rate: { bps: 1 }, amount: EUR(1) }] }],
      'invalid_field',
    ],
    ['marginal count tiers', [{ ...tiers, mode: 'marginal' }], 'invalid_tiers'],
    [
      'NaN tier start',
      [{ ...tiers, tiers: [tiers.tiers[0], { ...tiers.tiers[1], from: Number.NaN }] }],
      'invalid_tiers',
    ],
    [
      'bonus on a missing tier',
      [
        tiers,
        {
          kind: 'bonus',
          id: 'b',
          name: 'b',
          amount: EUR(1),
          trigger: { tier: { ruleId: 'tiers', tierId: 'platinum' } },
        },
      ],
      'unknown_tier',
    ],
    [
      'bonus on a missing rule',
      [
        {
          kind: 'bonus',
          id: 'b',
          name: 'b',
          amount: EUR(1),
          trigger: { tier: { ruleId: 'nope', tierId: 'gold' } },
        },
      ],
      'unknown_rule',
    ],
    [
      'bonus with NaN threshold',
      [
        {
          kind: 'bonus',
          id: 'b',
          name: 'b',
          amount: EUR(1),
          trigger: { event: 'sale', metric: 'count', threshold: Number.NaN },
        },
      ],
      'invalid_field',
    ],
    [
      'recurring with 0 payments',
      [{ kind: 'recurring', id: 'r', name: 'r', event: 'sale', rate: { bps: 1 }, maxPayments: 0 }],
      'invalid_field',
    ],
    [
      'product without a rate',
      [{ kind: 'product', id: 'p', name: 'p', event: 'sale', match: { by: 'sku', values: ['a'] } }],
      'invalid_field',
    ],
    [
      'product matching by color',
      [
        {
          kind: 'product',
          id: 'p',
          name: 'p',
          event: 'sale',
          match: { by: 'color', values: ['red'] },
          rate: { bps: 1 },
        },
      ],
      'invalid_field',
    ],
    [
      'multi-level without levels',
      [{ kind: 'multi_level', id: 'm', name: 'm', levels: [] }],
      'invalid_field',
    ],
    ['cap per week', [{ kind: 'cap', id: 'c', name: 'c', per: 'week', amount: EUR(1) }], 'invalid_field'],
    ['a rule that is not an object', [42], 'invalid_field'],
  ])('%s', (_name, rules, code) => {
    expect(codes(rules)).toContain(code)
  })

  it('rejects a rule set that is not an object, has no rules array or an unknown currency', () => {
    expect(validateRuleSet(null).map((p) => p.code)).toEqual(['invalid_rule_set'])
    expect(validateRuleSet({ currency: 'EUR' }).map((p) => p.path)).toEqual(['rules'])
    expect(codes([], 'EURO')).toEqual(['invalid_rule_set'])
    expect(validateRuleSet({ currency: 'EUR', rounding: 'nearest', rules: [] })[0]?.path).toBe('rounding')
  })

  describe('ambiguity: equally specific rules that could both apply are an error', () => {
    it.each<[string, CommissionRule[]]>([
      ['two program-wide sale rules', [base, { ...base, id: 'other', rate: { bps: 500 } }]],
      [
        'flat and percentage on the same event and scope',
        [base, { kind: 'flat', id: 'f', name: 'f', event: 'sale', amount: EUR(100) }],
      ],
      [
        'overlapping partner lists',
        [
          { ...base, scope: { partnerIds: ['a', 'b'] } },
          { ...base, id: 'x', scope: { partnerIds: ['b', 'c'] } },
        ],
      ],
      [
        'product rules matching the same sku',
        [
          {
            kind: 'product',
            id: 'p1',
            name: 'p1',
            event: 'sale',
            match: { by: 'sku', values: ['A', 'B'] },
            rate: { bps: 1 },
          },
          {
            kind: 'product',
            id: 'p2',
            name: 'p2',
            event: 'sale',
            match: { by: 'sku', values: ['B'] },
            rate: { bps: 2 },
          },
        ],
      ],
      [
        'two program-wide per-conversion caps',
        [
          { kind: 'cap', id: 'c1', name: 'c1', per: 'conversion', amount: EUR(1) },
          { kind: 'cap', id: 'c2', name: 'c2', per: 'conversion', amount: EUR(2) },
        ],
      ],
    ])('%s', (_name, rules) => {
      const problems = validateRuleSet({ currency: 'EUR', rules })
      expect(problems.map((p) => p.code)).toEqual(['ambiguous_rules'])
      expect(problems[0]?.message).toMatch(/equally specific/)
    })

    it.each<[string, CommissionRule[]]>([
      ['different events', [base, { ...base, id: 'lead', event: 'lead' }]],
      ['different scope levels', [base, { ...base, id: 'vip', scope: { partnerIds: ['a'] } }]],
      [
        'disjoint partner lists',
        [
          { ...base, scope: { partnerIds: ['a'] } },
          { ...base, id: 'x', scope: { partnerIds: ['b'] } },
        ],
      ],
      ['tiered and percentage (different condition)', [base, tiers]],
      [
        'caps per conversion and per period',
        [
          { kind: 'cap', id: 'c1', name: 'c1', per: 'conversion', amount: EUR(1) },
          { kind: 'cap', id: 'c2', name: 'c2', per: 'partner_period', amount: EUR(2) },
        ],
      ],
      [
        'several bonuses',
        [
          {
            kind: 'bonus',
            id: 'b1',
            name: 'b1',
            amount: EUR(1),
            trigger: { event: 'sale', metric: 'count', threshold: 10 },
          },
          {
            kind: 'bonus',
            id: 'b2',
            name: 'b2',
            amount: EUR(1),
            trigger: { event: 'sale', metric: 'count', threshold: 10 },
          },
        ],
      ],
    ])('not ambiguous: %s', (_name, rules) => {
      expect(validateRuleSet({ currency: 'EUR', rules })).toEqual([])
    })
  })

  it('lists every problem with its path, and the error carries them all', () => {
    const rules = [
      { ...base, rate: { bps: -1 } },
      { ...tiers, tiers: [{ id: 'a', name: 'A', from: 3, rate: { bps: 1 } }] },
    ]
    const problems = validateRuleSet({ currency: 'EUR', rules })
    expect(problems.map((p) => [p.ruleId, p.path])).toEqual([
      ['base', 'rules/0/rate'],
      ['tiers', 'rules/1/tiers/0/from'],
    ])
    try {
      assertValidRuleSet({ currency: 'EUR', rules })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRuleError)
      expect((error as InvalidRuleError).problems).toHaveLength(2)
      expect((error as InvalidRuleError).message).toMatch(/Rule 'base'.*\(and 1 more problem\(s\)\)/)
    }
  })
})
