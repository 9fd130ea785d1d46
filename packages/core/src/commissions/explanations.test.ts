import { describe, expect, it } from 'vitest'
import type { CommissionRule } from './rule-types.ts'
import { active, EUR, run, sale } from './test-helpers.ts'

// Each explanation names the inputs that decided it, and its amount is the line's amount.
const renewal = (paymentIndex: number, monthsSinceFirstPayment: number) =>
  sale(4_900, { recurring: { paymentIndex, monthsSinceFirstPayment } })
const saas: CommissionRule = {
  kind: 'recurring',
  id: 'saas',
  name: 'SaaS 20%',
  event: 'sale',
  rate: { bps: 2000 },
  maxPayments: 12,
}

describe('recurring limits', () => {
  it('payment 13 under a 12-payment limit names the rule and its limit', () => {
    const result = run({ rules: [saas], conversion: renewal(13, 12) })
    expect(result.lines).toEqual([])
    expect(result.notes).toEqual([
      "p1 earns no commission on this payment: rule 'SaaS 20%' pays the first 12 payments; this is payment 13.",
    ])
  })

  it('when a less specific rule takes over, its line says which limit ran out', () => {
    const vip = {
      ...saas,
      id: 'vip',
      name: 'VIP 30% × 6',
      rate: { bps: 3000 },
      maxPayments: 6,
      scope: { partnerIds: ['p1'] },
    }
    const lifetime = { ...saas, id: 'life', name: 'Lifetime 10%', rate: { bps: 1000 }, maxPayments: null }
    const result = run({ rules: [vip, lifetime] as CommissionRule[], conversion: renewal(7, 6) })
    expect(result.lines.map((line) => [line.ruleId, line.amount.amountMinor, line.explanation])).toEqual([
      [
        'life',
        490,
        "10% recurring commission from rule 'Lifetime 10%' (rule 'VIP 30% × 6' pays the first 6 payments; this is payment 7) (payment #7 lifetime, month 6), on 49.00 EUR → 4.90 EUR",
      ],
    ])
  })

  it('a renewal with no recurring rule says that renewals need one', () => {
    const pct: CommissionRule = {
      kind: 'percentage',
      id: 'r',
      name: 'Base',
      event: 'sale',
      rate: { bps: 1000 },
    }
    expect(run({ rules: [pct], conversion: renewal(2, 1) }).notes).toEqual([
      'No commission rule prices renewal payment #2 for p1: renewals (payment 2 on) are priced by recurring rules only, and none applies.',
    ])
  })
})

describe('partners are named, not numbered', () => {
  const network: CommissionRule = {
    kind: 'multi_level',
    id: 'ml',
    name: 'Network',
    levels: [
      { rate: { bps: 1000 }, of: 'commission' },
      { rate: { bps: 200 }, of: 'revenue' },
    ],
  }
  const base: CommissionRule = {
    kind: 'percentage',
    id: 'r',
    name: 'Base',
    event: 'sale',
    rate: { bps: 1000 },
  }

  it('level overrides name the child partner', () => {
    const result = run({
      rules: [base, network],
      partners: {
        p1: { status: 'active', name: 'Ada Lovelace', parentIds: ['m1', 'm2'] },
        m1: { status: 'active', name: 'Grace Hopper' },
        m2: { status: 'active', name: 'Alan Turing' },
      },
    })
    expect(result.lines.map((line) => [line.partnerId, line.explanation])).toEqual([
      ['p1', "10% revenue share from rule 'Base', on 100.00 EUR → 10.00 EUR"],
      ['m1', "level 1 override: 10% of Ada Lovelace's 10.00 EUR commission, from rule 'Network' → 1.00 EUR"],
      [
        'm2',
        "level 2 override: 2% of revenue referred by Ada Lovelace, from rule 'Network', on 100.00 EUR → 2.00 EUR",
      ],
    ])
  })

  it('notes name partners too', () => {
    const result = run({
      rules: [base, network],
      partners: {
        p1: { status: 'active', name: 'Ada Lovelace', parentIds: ['m1'] },
        m1: { status: 'suspended', name: 'Grace Hopper' },
      },
    })
    expect(result.notes).toEqual(['Level 1 parent Grace Hopper is suspended and earns no override.'])
  })

  it('without a name, the id stands in', () => {
    const result = run({ rules: [base], partners: { p1: { status: 'pending' } } })
    expect(result.notes).toEqual(['p1 is pending and earns nothing.'])
  })
})

describe('exact fraction rates', () => {
  it('a third of 90.00 EUR is 30.00 EUR, and the line says 1/3', () => {
    const third: CommissionRule = {
      kind: 'percentage',
      id: 'third',
      name: 'One third',
      event: 'sale',
      rate: { numerator: 1, denominator: 3 },
    }
    const result = run({ rules: [third], conversion: sale(9_000), partners: { p1: active } })
    expect(result.lines.map((line) => [line.amount, line.explanation])).toEqual([
      [EUR(3_000), "1/3 (33.3333%) revenue share from rule 'One third', on 90.00 EUR → 30.00 EUR"],
    ])
  })
})
