import { describe, expect, it } from 'vitest'
import type { CommissionRule, RevenueTieredRule } from './rule-types.ts'
import { amounts, EUR, run, sale } from './test-helpers.ts'
import { validateRuleSet } from './validate-rule-set.ts'

// Revenue boundaries are Money, like every other amount: `from: 100_000` no longer type-checks
// on a revenue tier, so 1,000.00 EUR cannot be written as 1,000 cents (10.00 EUR) by mistake.
const revenueTiers: RevenueTieredRule = {
  kind: 'tiered',
  id: 'rev',
  name: 'Revenue',
  event: 'sale',
  metric: 'revenue',
  mode: 'marginal',
  tiers: [
    { id: 'base', name: 'Base', from: EUR(0), rate: { bps: 1000 } },
    { id: 'silver', name: 'Silver', from: EUR(100_000), rate: { bps: 1200 } },
  ],
}
const volume = { conversions: 3, revenue: EUR(98_000), commission: EUR(0) }

describe('revenue tier boundaries are Money', () => {
  it('prices by the Money boundary: 980.00 → 1,030.00 is 20.00 at 10% + 30.00 at 12% = 5.60', () => {
    const result = run({
      rules: [revenueTiers],
      conversion: sale(5_000),
      partners: { p1: { status: 'active', period: volume } },
    })
    expect(amounts(result)).toEqual({ 'p1/rev/commission': 560 })
    expect(result.lines[0]?.explanation).toBe(
      "11.2% blended from marginal tiers of rule 'Revenue': period revenue 980.00 EUR → 1,030.00 EUR, 20.00 EUR at 10% (tier 'Base') + 30.00 EUR at 12% (tier 'Silver'); on 50.00 EUR → 5.60 EUR",
    )
  })

  it('a bare number on a revenue tier does not type-check', () => {
    const wrong: CommissionRule = {
      ...revenueTiers,
      // @ts-expect-error a revenue boundary is Money, not minor units
      tiers: [{ id: 'base', name: 'Base', from: 0, rate: { bps: 1000 } }],
    }
    expect(wrong.kind).toBe('tiered')
  })

  it('the stored form (bare minor units, written before boundaries became Money) still parses and prices alike', () => {
    const stored = JSON.parse(
      '{"kind":"tiered","id":"rev","name":"Revenue","event":"sale","metric":"revenue","mode":"marginal","tiers":[{"id":"base","name":"Base","from":0,"rate":{"bps":1000}},{"id":"silver","name":"Silver","from":100000,"rate":{"bps":1200}}]}',
    ) as CommissionRule
    expect(validateRuleSet({ currency: 'EUR', rules: [stored] })).toEqual([])
    const result = run({
      rules: [stored],
      conversion: sale(5_000),
      partners: { p1: { status: 'active', period: volume } },
    })
    expect(amounts(result)).toEqual({ 'p1/rev/commission': 560 })
  })

  it.each<[string, unknown, string]>([
    [
      'a boundary in another currency',
      { amountMinor: 100_000, currency: 'USD' },
      "Rule 'rev': a revenue tier boundary is in USD but the rule set is in EUR",
    ],
    [
      'a negative boundary',
      { amountMinor: -500, currency: 'EUR' },
      "Rule 'rev': a revenue tier boundary must be a whole, non-negative number of minor units, got -500 minor units (-5.00 EUR)",
    ],
    [
      'a decimal string',
      '1000.00',
      `Rule 'rev': tier.from must be Money in EUR, e.g. { amountMinor: 100000, currency: 'EUR' } for 1,000.00, got "1000.00"`,
    ],
  ])('rejects %s', (_name, from, message) => {
    const rule = { ...revenueTiers, tiers: [revenueTiers.tiers[0], { ...revenueTiers.tiers[1], from }] }
    const problems = validateRuleSet({ currency: 'EUR', rules: [rule] })
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ['rules/0/tiers/1/from', message],
    ])
  })

  it('count tiers start at a number of conversions, not at money', () => {
    const rule = {
      ...revenueTiers,
      metric: 'count',
      mode: 'whole',
      tiers: [{ id: 'a', name: 'A', from: EUR(0), rate: { bps: 1 } }],
    }
    expect(validateRuleSet({ currency: 'EUR', rules: [rule] }).map((problem) => problem.message)).toEqual([
      `Rule 'rev': tier.from must be a whole number ≥ 0 of conversions, got {"amountMinor":0,"currency":"EUR"}`,
    ])
  })
})

describe('revenue bonus thresholds are Money', () => {
  const bonus = (threshold: unknown) =>
    ({
      kind: 'bonus',
      id: 'k',
      name: '1k month',
      amount: EUR(2_000),
      trigger: { event: 'sale', metric: 'revenue', threshold },
    }) as CommissionRule
  const partners = { p1: { status: 'active' as const, period: { ...volume, revenue: EUR(92_000) } } }

  it('fires when 920.00 + 100.00 crosses 1,000.00, and says so', () => {
    const result = run({ rules: [bonus(EUR(100_000))], partners })
    expect(result.lines.map((line) => [line.amount.amountMinor, line.explanation])).toEqual([
      [
        2_000,
        "one-off bonus from rule '1k month' for reaching 1,000.00 EUR in the period (period revenue 920.00 EUR → 1,020.00 EUR) → 20.00 EUR",
      ],
    ])
  })

  it('the stored bare-minor-units threshold fires alike', () => {
    expect(amounts(run({ rules: [bonus(100_000)], partners }))).toEqual({ 'p1/k/bonus': 2_000 })
  })

  it('refuses a threshold in another currency', () => {
    expect(validateRuleSet({ currency: 'EUR', rules: [bonus({ amountMinor: 1, currency: 'USD' })] })).toEqual(
      [
        {
          code: 'currency_mismatch',
          ruleId: 'k',
          path: 'rules/0/trigger/threshold',
          message: "Rule 'k': trigger.threshold is in USD but the rule set is in EUR",
        },
      ],
    )
  })
})
