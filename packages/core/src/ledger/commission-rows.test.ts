import { describe, expect, it } from 'vitest'
import { computeCommissions } from '../commissions/compute-commissions.ts'
import { money } from '../money/money.ts'
import { ledgerRowsFor, rowStatusFor } from './commission-rows.ts'

const EUR = (amountMinor: number) => money(amountMinor, 'EUR')

describe('ledgerRowsFor', () => {
  const result = computeCommissions({
    conversion: { event: 'sale', amount: EUR(10_000), occurredAt: new Date('2024-06-15T10:00:00.000Z') },
    shares: [{ partnerId: 'p1', weightPpm: 1_000_000 }],
    ruleSet: {
      currency: 'EUR',
      rules: [
        { kind: 'percentage', id: 'base', name: 'Base', event: 'sale', rate: { bps: 1000 } },
        {
          kind: 'multi_level',
          id: 'ml',
          name: 'Network',
          levels: [{ rate: { bps: 1000 }, of: 'commission' }],
        },
      ],
    },
    partners: { p1: { status: 'active', parentIds: ['m1'] }, m1: { status: 'active' } },
  })

  it('turns every commission line into a row of the conversion, explanation included', () => {
    expect(ledgerRowsFor(result, { conversionId: 'conv_1' })).toEqual([
      {
        partnerId: 'p1',
        conversionId: 'conv_1',
        kind: 'commission',
        ruleId: 'base',
        level: 0,
        amount: EUR(1_000),
        status: 'pending',
        payoutId: null,
        reversesRowId: null,
        explanation: "10% revenue share from rule 'Base', on 100.00 EUR → 10.00 EUR",
      },
      {
        partnerId: 'm1',
        conversionId: 'conv_1',
        kind: 'override',
        ruleId: 'ml',
        level: 1,
        amount: EUR(100),
        status: 'pending',
        payoutId: null,
        reversesRowId: null,
        explanation: "level 1 override: 10% of p1's 10.00 EUR commission, from rule 'Network' → 1.00 EUR",
      },
    ])
  })

  it("takes the status the conversion's state gives its rows", () => {
    const status = rowStatusFor('approved')
    expect(ledgerRowsFor(result, { conversionId: 'c', status }).map((row) => row.status)).toEqual([
      'approved',
      'approved',
    ])
    expect([rowStatusFor('pending'), rowStatusFor('rejected')]).toEqual(['pending', 'rejected'])
  })

  it('needs a conversion id', () => {
    expect(() => ledgerRowsFor(result, { conversionId: '' })).toThrow(
      'conversionId must be a non-empty string',
    )
  })
})
