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
  ])('detects %s', (_name, rows, payouts, code) => {
    expect(checkLedgerInvariants({ rows, payouts }).map((violation) => violation.code)).toContain(code)
    expect(() => assertLedgerInvariants({ rows, payouts })).toThrow(InvariantViolationError)
  })
})
