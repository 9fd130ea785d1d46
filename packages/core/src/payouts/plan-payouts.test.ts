import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkLedgerInvariants } from '../ledger/invariants.ts'
import type { LedgerRow, PayoutRecord } from '../ledger/types.ts'
import { money } from '../money/money.ts'
import { planPayouts } from './plan-payouts.ts'
import type { PayoutPartner, PayoutPlanInput } from './types.ts'

const EUR = (amountMinor: number) => money(amountMinor, 'EUR')
const row = (
  id: string,
  partnerId: string,
  amountMinor: number,
  extra: Partial<LedgerRow> = {},
): LedgerRow => ({
  id,
  partnerId,
  conversionId: `c-${id}`,
  kind: 'commission',
  ruleId: 'r',
  level: 0,
  amount: EUR(amountMinor),
  status: 'approved',
  payoutId: null,
  reversesRowId: null,
  ...extra,
})
const paypal: PayoutPartner = { status: 'active', payoutMethod: { type: 'paypal', detailsComplete: true } }
const bank: PayoutPartner = {
  status: 'active',
  payoutMethod: { type: 'bank_transfer', detailsComplete: true },
}
const base: Omit<PayoutPlanInput, 'rows' | 'partners'> = {
  thresholds: [
    { currency: 'EUR', minimum: EUR(5_000) },
    { currency: 'EUR', method: 'bank_transfer', minimum: EUR(10_000) },
  ],
  fees: [
    {
      method: 'paypal',
      currency: 'EUR',
      fixed: EUR(35),
      rate: { bps: 200 },
      maximum: EUR(2_000),
      paidBy: 'partner',
    },
  ],
}

describe('planPayouts', () => {
  it('pays approved unpaid rows, with the fee deducted for the partner', () => {
    const rows = [
      row('a', 'p1', 8_000),
      row('b', 'p1', 4_000),
      row('c', 'p1', -1_000, { kind: 'clawback', reversesRowId: 'x' }),
      row('pending', 'p1', 9_999, { status: 'pending' }),
      row('paid', 'p1', 9_999, { payoutId: 'old' }),
      row('rejected', 'p1', 9_999, { status: 'rejected' }),
    ]
    const plan = planPayouts({ ...base, rows, partners: { p1: paypal } })
    // 80 + 40 − 10 = 110.00; fee 0.35 + 2% of 110.00 (2.20) = 2.55 → 107.45
    expect(plan.lines).toEqual([
      {
        partnerId: 'p1',
        method: 'paypal',
        amount: EUR(11_000),
        fee: EUR(255),
        feePaidBy: 'partner',
        net: EUR(10_745),
        rowIds: ['a', 'b', 'c'],
        explanation:
          'Pays 3 approved row(s): 110.00 EUR via paypal, fee 2.55 EUR (0.35 EUR + 2%, at most 20.00 EUR) paid by the partner → 107.45 EUR to the partner.',
      },
    ])
    expect(plan.heldBack).toEqual([])
    expect(plan.totals).toEqual([{ amount: EUR(11_000), fees: EUR(255), net: EUR(10_745) }])
  })

  it('caps the percentage fee at its maximum and lets the program pay fees', () => {
    const rows = [row('a', 'p1', 200_000)]
    expect(planPayouts({ ...base, rows, partners: { p1: paypal } }).lines[0]?.fee).toEqual(EUR(2_000))
    const programPays = {
      ...base,
      fees: [{ method: 'paypal', currency: 'EUR', fixed: EUR(35), paidBy: 'program' as const }],
    }
    const line = planPayouts({ ...programPays, rows, partners: { p1: paypal } }).lines[0]
    expect([line?.fee.amountMinor, line?.net.amountMinor]).toEqual([35, 200_000])
  })

  it.each<[string, PayoutPartner | undefined, number, string]>([
    ['unknown partner', undefined, 9_000, 'unknown_partner'],
    ['suspended partner', { ...paypal, status: 'suspended' }, 9_000, 'partner_not_active'],
    ['manual hold', { ...paypal, holdReason: 'tax form missing' }, 9_000, 'manual_hold'],
    ['flagged partner', { ...paypal, flagged: true }, 9_000, 'flagged'],
    ['no payout method', { status: 'active', payoutMethod: null }, 9_000, 'missing_payout_method'],
    [
      'incomplete details',
      { status: 'active', payoutMethod: { type: 'paypal', detailsComplete: false } },
      9_000,
      'missing_payout_details',
    ],
    ['negative balance', paypal, -500, 'negative_balance'],
    ['zero balance', paypal, 0, 'zero_balance'],
    ['below the currency threshold', paypal, 4_999, 'below_threshold'],
    ['below the method threshold', bank, 9_999, 'below_threshold'],
  ])('holds back: %s', (_name, partner, amount, reason) => {
    const rows = [row('a', 'p1', amount)]
    const plan = planPayouts({ ...base, rows, partners: partner ? { p1: partner } : {} })
    expect(plan.lines).toEqual([])
    expect(plan.heldBack).toEqual([
      expect.objectContaining({ partnerId: 'p1', reason, rowIds: ['a'], amount: EUR(amount) }),
    ])
  })

  it('explains a carry-over', () => {
    const plan = planPayouts({ ...base, rows: [row('a', 'p1', 3_000)], partners: { p1: paypal } })
    expect(plan.heldBack[0]?.explanation).toBe(
      'Below the 50.00 EUR minimum for paypal: 30.00 EUR carries over to the next payout.',
    )
  })

  it('holds back when the fee would take everything', () => {
    const fees = [{ method: 'paypal', currency: 'EUR', fixed: EUR(6_000), paidBy: 'partner' as const }]
    const plan = planPayouts({ ...base, fees, rows: [row('a', 'p1', 6_000)], partners: { p1: paypal } })
    expect(plan.heldBack[0]?.reason).toBe('fee_exceeds_amount')
  })

  it('pays each currency separately with its own threshold', () => {
    const rows = [row('a', 'p1', 6_000), row('b', 'p1', 2_000, { amount: money(2_000, 'USD') })]
    const thresholds = [...base.thresholds, { currency: 'USD', minimum: money(1_000, 'USD') }]
    const plan = planPayouts({ ...base, thresholds, fees: [], rows, partners: { p1: paypal } })
    expect(plan.lines.map((line) => line.amount)).toEqual([EUR(6_000), money(2_000, 'USD')])
  })

  it('rejects a threshold in the wrong currency', () => {
    const thresholds = [{ currency: 'EUR', minimum: money(100, 'USD') }]
    expect(() => planPayouts({ ...base, thresholds, rows: [], partners: {} })).toThrow(/given in USD/)
  })

  it('over many batches no row is paid twice and every payout equals its rows (property)', () => {
    const partners: Record<string, PayoutPartner> = {
      p1: paypal,
      p2: bank,
      p3: { ...paypal, flagged: true },
      p4: { status: 'active', payoutMethod: null },
    }
    const rowArb = fc.record({
      partnerId: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
      amount: fc.integer({ min: -3_000, max: 20_000 }),
      status: fc.constantFrom('approved', 'approved', 'pending'),
    })
    fc.assert(
      fc.property(fc.array(fc.array(rowArb, { maxLength: 8 }), { minLength: 1, maxLength: 5 }), (batches) => {
        let rows: LedgerRow[] = []
        const payouts: PayoutRecord[] = []
        batches.forEach((batch, b) => {
          rows = rows.concat(
            batch.map((r, i) =>
              row(`r${b}-${i}`, r.partnerId, r.amount, { status: r.status as LedgerRow['status'] }),
            ),
          )
          const plan = planPayouts({ ...base, rows, partners })
          for (const line of plan.lines) {
            const id = `po${payouts.length}`
            payouts.push({ id, partnerId: line.partnerId, amount: line.amount, rowIds: line.rowIds })
            rows = rows.map((r) => (line.rowIds.includes(r.id) ? { ...r, payoutId: id } : r))
            expect(line.net.amountMinor).toBe(
              line.amount.amountMinor - (line.feePaidBy === 'partner' ? line.fee.amountMinor : 0),
            )
          }
          // everything payable is either paid or held back with a reason
          const planned = new Set([
            ...plan.lines.flatMap((l) => l.rowIds),
            ...plan.heldBack.flatMap((h) => h.rowIds),
          ])
          const payable = rows.filter(
            (r) => r.status === 'approved' && (r.payoutId === null || planned.has(r.id)),
          )
          expect(payable.every((r) => planned.has(r.id))).toBe(true)
        })
        expect(checkLedgerInvariants({ rows, payouts })).toEqual([])
      }),
    )
  })
})
