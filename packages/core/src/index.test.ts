import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  attribute,
  attributionPartners,
  balance,
  type CommissionRule,
  checkLedgerInvariants,
  commissionPartners,
  computeCommissions,
  type LedgerRow,
  ledgerRowsFor,
  money,
  type PayoutRecord,
  type ProgramPartner,
  payoutPartners,
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
// One partner list; core's helpers build the map each step takes.
const paypal = { type: 'paypal', detailsComplete: true }
const programPartners: ProgramPartner[] = [
  { id: 'a', status: 'active', parentId: 'm', payoutMethod: paypal },
  { id: 'b', status: 'active', payoutMethod: paypal },
  { id: 'm', status: 'active', payoutMethod: paypal },
]

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
            partners: attributionPartners(programPartners),
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
            partners: commissionPartners(programPartners),
          })
          let rows: LedgerRow[] = ledgerRowsFor(result, { conversionId: 'conv' }).map((row, index) => ({
            ...row,
            id: `row${index}`,
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
            const plan = planPayouts({
              rows,
              partners: payoutPartners(programPartners),
              thresholds: [],
              fees: [],
            })
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
          const conversions = [{ id: 'conv', state: lifecycle.state }]
          expect(checkLedgerInvariants({ rows, payouts, conversions })).toEqual([])
          // Dropping the last reversal row leaves money on a refunded conversion: the check sees it.
          const lastReversal = rows.findLast((row) => row.reversesRowId !== null)
          if (lastReversal) {
            const partial = rows.filter((row) => row !== lastReversal)
            expect(
              checkLedgerInvariants({ rows: partial, payouts, conversions }).map((v) => v.code),
            ).toContain('refunded_not_netted')
          }
          if (payBeforeRefund && payouts.length > 0) {
            expect(rows.some((row) => row.kind === 'clawback')).toBe(true)
          }
        },
      ),
    )
  })
})
