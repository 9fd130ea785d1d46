import { validateRuleSet } from '@tandem/core'
import { describe, expect, it } from 'vitest'
import {
  emptyRule,
  fromCoreRule,
  problemsByRule,
  RULE_KINDS,
  rateOf,
  rateText,
  toCoreRule,
} from './rule-model.ts'

describe('the rule editor model', () => {
  it("turns every kind's draft into a rule core accepts, and back", () => {
    for (const { value: kind } of RULE_KINDS) {
      const draft = { ...emptyRule(kind), name: `A ${kind} rule`, amount: '5.00', threshold: '10' }
      if (kind === 'product') draft.matchValues = 'SKU-1, SKU-2'
      if (kind === 'bonus') draft.trigger = 'count'
      const rule = toCoreRule(draft, 'EUR')
      expect(validateRuleSet({ currency: 'EUR', rules: [rule] }), kind).toEqual([])
      const again = toCoreRule(fromCoreRule(rule, 'EUR'), 'EUR')
      expect(again, kind).toEqual(rule)
    }
  })

  it('reads rates as exact percentages or fractions, and money in major units', () => {
    expect(rateOf('12.5')).toEqual({ percent: '12.5' })
    expect(rateOf('10 %')).toEqual({ percent: '10' })
    expect(rateOf('1/3')).toEqual({ numerator: 1, denominator: 3 })
    expect(rateText({ bps: 1250 })).toBe('12.5')
    const flat = toCoreRule({ ...emptyRule('flat'), name: 'Lead', amount: '1,234.50' }, 'EUR')
    expect(flat.amount).toEqual({ amountMinor: 123_450, currency: 'EUR' })
    const yen = toCoreRule({ ...emptyRule('flat'), name: 'Lead', amount: '500' }, 'JPY')
    expect(yen.amount).toEqual({ amountMinor: 500, currency: 'JPY' })
  })

  it("files core's problems under the rule they belong to", () => {
    const bad = toCoreRule({ ...emptyRule('percentage'), name: 'Broken', rate: '-1' }, 'EUR')
    const problems = validateRuleSet({
      currency: 'EUR',
      rules: [toCoreRule({ ...emptyRule(), name: 'Fine' }, 'EUR'), bad],
    })
    const byRule = problemsByRule(problems)
    expect(byRule.get(0)).toBeUndefined()
    expect(byRule.get(1)?.length).toBeGreaterThan(0)
  })
})
