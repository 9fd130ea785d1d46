import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  attribute,
  balance,
  type CommissionRule,
  checkLedgerInvariants,
  computeCommissions,
  type LedgerRow,
  money,
  type PayoutRecord,
  planPayouts,
  reversalLines,
  startLifecycle,
  transitionConversion,
} from './index.ts'

// The whole flow through the public API: attribute → commissions → ledger rows → approval →
// payout → refunds (reversals and clawbacks). A full refund must net the conversion to zero
// and the ledger invariants must hold throughout.
const NOW = new Date('2024-06-15T12:00:00.000Z')
const EUR = (amountMinor: number) => money(amountMinor, 'EUR')
const rules: CommissionRule[] = [
  { kind: 'percentage', id: 'base', name: 'Default 10%', event: 'sale', rate: { bps: 1000 }, netOfTax: true },
  {
    kind: 'product',
    id: 'books',
    name: 'Books',
    event: 'sale',
    match: { by: 'category', values: ['books'] },
    rate: { percent: '3.3' },
  },
  { kind: 'multi_level', id: 'ml', name: 'Network', levels: [{ rate: { bps: 1000 }, of: 'commission' }] },
  {
    kind: 'bonus',
    id: 'first',
    name: 'First sale',
    amount: EUR(500),
    trigger: { event: 'sale', metric: 'count', threshold: 1 },
  },
]
const partners = {
  a: { status: 'active' as const, parentIds: ['m'] },
  b: { status: 'active' as const },
  m: { status: 'active' as const },
}
const payoutPartners = {
  a: { status: 'active' as const, payoutMethod: { type: 'paypal', detailsComplete: true } },
  b: { status: 'active' as const, payoutMethod: { type: 'paypal', detailsComplete: true } },
  m: { status: 'active' as const, payoutMethod: { type: 'paypal', detailsComplete: true } },
}

describe('end to end through the public API', () => {
  it('a full refund nets every conversion to zero, paid or not, and invariants hold (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 5_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom('last_click', 'linear', 'position_based', 'time_decay') as fc.Arbitrary<'linear'>,
        (books, clickAgeHours, refundParts, payBeforeRefund, model) => {
          const amount = books + 2_000
          const attributed = attribute({
            clicks: [
              {
                clickId: 'k1',
                partnerId: 'a',
                linkId: 'l',
                at: new Date(NOW.getTime() - (clickAgeHours + 30) * 3_600_000),
              },
              {
                clickId: 'k2',
                partnerId: 'b',
                linkId: 'l',
                at: new Date(NOW.getTime() - clickAgeHours * 3_600_000),
              },
            ],
            settings: {
              model,
              windowDays: 30,
              halfLifeDays: 7,
              couponPrecedence: 'coupon_first',
              lifetimeMonths: null,
              selfReferral: 'block',
            },
            partners: { a: { status: 'active' }, b: { status: 'active' } },
            now: NOW,
          })
          const result = computeCommissions({
            conversion: {
              event: 'sale',
              amount: EUR(amount),
              tax: EUR(1_000),
              lineItems: [{ sku: 'B1', category: 'books', quantity: 1, amount: EUR(books) }],
              occurredAt: NOW,
            },
            shares: attributed.shares,
            ruleSet: { currency: 'EUR', rules },
            partners,
          })
          let rows: LedgerRow[] = result.lines.map((line, index) => ({
            id: `row${index}`,
            partnerId: line.partnerId,
            conversionId: 'conv',
            kind: line.kind,
            ruleId: line.ruleId,
            level: line.level,
            amount: line.amount,
            status: 'pending',
            payoutId: null,
            reversesRowId: null,
          }))
          let lifecycle = startLifecycle({ amount: EUR(amount), occurredAt: NOW, holdDays: 30 })
          const approve = transitionConversion(
            lifecycle,
            { type: 'auto_approve' },
            new Date(NOW.getTime() + 31 * 86_400_000),
          )
          lifecycle = approve.next
          rows = rows.map((row) => ({ ...row, status: 'approved' }))
          const payouts: PayoutRecord[] = []
          if (payBeforeRefund) {
            const plan = planPayouts({ rows, partners: payoutPartners, thresholds: [], fees: [] })
            for (const line of plan.lines) {
              const id = `po-${line.partnerId}`
              payouts.push({ id, partnerId: line.partnerId, amount: line.amount, rowIds: line.rowIds })
              rows = rows.map((row) => (line.rowIds.includes(row.id) ? { ...row, payoutId: id } : row))
            }
          }
          // refunds in parts that add up to the whole amount
          const total = refundParts.reduce((sum, part) => sum + part, 0)
          let refunded = 0
          refundParts.forEach((part, index) => {
            const next =
              index === refundParts.length - 1 ? amount : Math.floor((amount * (refunded + part)) / total)
            const step = next - Math.floor((amount * refunded) / total)
            refunded += part
            if (step <= 0) return
            const transition = transitionConversion(
              lifecycle,
              { type: 'refund', refundId: `r${index}`, amount: EUR(step) },
              NOW,
            )
            lifecycle = transition.next
            if (transition.effect.type !== 'reverse') throw new Error('expected a reversal')
            const added = reversalLines({
              rows,
              refund: { refunded: transition.effect.refundedAfter, total: lifecycle.amount },
            }).map((row, i) => ({ ...row, id: `rev${index}-${i}` }))
            rows = [...rows, ...added]
          })
          expect(lifecycle.state).toBe('reversed')
          expect(balance(rows).filter((m) => m.amountMinor !== 0)).toEqual([])
          expect(checkLedgerInvariants({ rows, payouts })).toEqual([])
          if (payBeforeRefund && payouts.length > 0) {
            expect(rows.some((row) => row.kind === 'clawback')).toBe(true)
          }
        },
      ),
    )
  })
})
