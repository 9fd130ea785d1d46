import { describe, expect, it } from 'vitest'
import { InvariantViolationError } from '../errors.ts'
import { money } from '../money/money.ts'
import { assertLedgerInvariants, checkLedgerInvariants } from './invariants.ts'
import type { InvariantCode, LedgerRow, PayoutRecord } from './types.ts'

const EUR = (amountMinor: number) => money(amountMinor, 'EUR')
const row = (id: string, amountMinor: number, extra: Partial<LedgerRow> = {}): LedgerRow => ({
  id,
  partnerId: 'p1',
  conversionId: 'c1',
  kind: 'commission',
  ruleId: 'r',
  level: 0,
  amount: EUR(amountMinor),
  status: 'approved',
  payoutId: null,
  reversesRowId: null,
  ...extra,
})
const payout = (id: string, amountMinor: number, rowIds: string[], partnerId = 'p1'): PayoutRecord => ({
  id,
  partnerId,
  amount: EUR(amountMinor),
  rowIds,
})

describe('ledger invariants', () => {
  it('a consistent ledger has no violations', () => {
    const rows = [
      row('a', 1_000, { payoutId: 'po1' }),
      row('b', 500, { payoutId: 'po1' }),
      row('c', -200, { kind: 'clawback', reversesRowId: 'a' }),
    ]
    expect(checkLedgerInvariants({ rows, payouts: [payout('po1', 1_500, ['a', 'b'])] })).toEqual([])
    expect(() => assertLedgerInvariants({ rows, payouts: [payout('po1', 1_500, ['a', 'b'])] })).not.toThrow()
  })

  it.each<[string, LedgerRow[], PayoutRecord[], InvariantCode]>([
    [
      'a row in two payouts',
      [row('a', 100, { payoutId: 'po1' })],
      [payout('po1', 100, ['a']), payout('po2', 100, ['a'])],
      'row_in_several_payouts',
    ],
    [
      'a payout that does not equal its rows',
      [row('a', 100, { payoutId: 'po1' })],
      [payout('po1', 90, ['a'])],
      'payout_amount_mismatch',
    ],
    ['a payout of an unknown row', [], [payout('po1', 0, ['zz'])], 'payout_row_missing'],
    [
      'a payout of another partner’s row',
      [row('a', 100, { payoutId: 'po1' })],
      [payout('po1', 100, ['a'], 'p2')],
      'payout_row_other_partner',
    ],
    [
      'a row pointing at a payout that does not list it',
      [row('a', 100, { payoutId: 'po9' })],
      [],
      'row_payout_link_mismatch',
    ],
    [
      'a reversal of an unknown row',
      [row('r', -5, { kind: 'reversal', reversesRowId: 'nope' })],
      [],
      'reversal_of_unknown_row',
    ],
    [
      'a reversal with the same sign',
      [row('a', 100), row('r', 5, { kind: 'reversal', reversesRowId: 'a' })],
      [],
      'reversal_sign',
    ],
    [
      'a row reversed more than its amount',
      [row('a', 100), row('r', -150, { kind: 'reversal', reversesRowId: 'a' })],
      [],
      'over_reversed',
    ],
    [
      'a fully refunded conversion that does not net to zero',
      [row('a', 1_000), row('r', -600, { kind: 'reversal', reversesRowId: 'a' })],
      [],
      'refunded_not_netted',
    ],
  ])('detects %s', (_name, rows, payouts, code) => {
    const conversions = [{ id: 'c1', state: 'reversed' as const }]
    const found = checkLedgerInvariants({ rows, payouts, conversions })
    expect(found.map((violation) => violation.code)).toContain(code)
    expect(() => assertLedgerInvariants({ rows, payouts, conversions })).toThrow(InvariantViolationError)
  })

  describe('a full refund nets a conversion to zero', () => {
    const original = row('a', 1_000, { payoutId: 'po1' })
    const payouts = [payout('po1', 1_000, ['a'])]
    const partly = [original, row('r1', -600, { kind: 'clawback', reversesRowId: 'a' })]
    const fully = [...partly, row('r2', -400, { kind: 'clawback', reversesRowId: 'a' })]

    it('holds when the reversals take every counting row back to zero', () => {
      expect(
        checkLedgerInvariants({ rows: fully, payouts, conversions: [{ id: 'c1', state: 'reversed' }] }),
      ).toEqual([])
    })

    it('is violated by a reversed conversion with money left, and says how much', () => {
      expect(
        checkLedgerInvariants({ rows: partly, payouts, conversions: [{ id: 'c1', state: 'reversed' }] }),
      ).toEqual([
        {
          code: 'refunded_not_netted',
          rowId: 'a',
          conversionId: 'c1',
          message: 'Conversion c1 is refunded in full, but row a of 10.00 EUR still nets to 4.00 EUR',
        },
      ])
    })

    it('does not apply to a conversion that is only partly refunded, nor to rejected rows', () => {
      expect(
        checkLedgerInvariants({ rows: partly, payouts, conversions: [{ id: 'c1', state: 'approved' }] }),
      ).toEqual([])
      const rejected = [row('x', 500, { status: 'rejected' })]
      expect(
        checkLedgerInvariants({
          rows: rejected,
          payouts: [],
          conversions: [{ id: 'c1', state: 'reversed' }],
        }),
      ).toEqual([])
    })
  })

  it('quotes money, not minor units', () => {
    const rows = [row('a', 100, { payoutId: 'po1' })]
    expect(checkLedgerInvariants({ rows, payouts: [payout('po1', 90, ['a'])] })[0]?.message).toBe(
      'Payout po1 is 0.90 EUR but its rows add up to 1.00 EUR',
    )
  })
})
