import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../errors.ts'
import { money } from '../money/money.ts'
import { balance } from './balance.ts'
import { reversalLines } from './reversal.ts'
import type { LedgerRow, NewLedgerRow } from './types.ts'

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
let nextId = 0
const stored = (rows: NewLedgerRow[]): LedgerRow[] => rows.map((r) => ({ ...r, id: `rev${nextId++}` }))
const refundOf = (refunded: number, total = 10_000) => ({ refunded: EUR(refunded), total: EUR(total) })

describe('reversalLines', () => {
  it('reverses each row by the refunded fraction, rounding once', () => {
    // 25% refunded: 1,000 → −250; 333 → −83.25 → −83; 1 → −0.25 → 0 (no row)
    const rows = [
      row('a', 1_000),
      row('b', 333, { partnerId: 'parent', kind: 'override', level: 1 }),
      row('c', 1),
    ]
    const out = reversalLines({ rows, refund: refundOf(2_500) })
    expect(out.map((r) => [r.reversesRowId, r.amount.amountMinor, r.kind, r.level])).toEqual([
      ['a', -250, 'reversal', 0],
      ['b', -83, 'reversal', 1],
    ])
  })

  it('writes a clawback for a row already paid out, a reversal otherwise', () => {
    const rows = [
      row('paid', 1_000, { payoutId: 'po1' }),
      row('unpaid', 500),
      row('pending', 200, { status: 'pending' }),
    ]
    const out = reversalLines({ rows, refund: { fraction: { numerator: 1, denominator: 1 } } })
    expect(out.map((r) => [r.reversesRowId, r.kind, r.status, r.amount.amountMinor, r.payoutId])).toEqual([
      ['paid', 'clawback', 'approved', -1_000, null],
      ['unpaid', 'reversal', 'approved', -500, null],
      ['pending', 'reversal', 'pending', -200, null],
    ])
  })

  it('does not reverse rejected rows', () => {
    expect(
      reversalLines({ rows: [row('x', 100, { status: 'rejected' })], refund: refundOf(10_000) }),
    ).toEqual([])
  })

  it('tops up on later refunds, and a full refund nets exactly to zero', () => {
    const rows = [row('a', 999)]
    const first = stored(reversalLines({ rows, refund: refundOf(3_333) })) // −332.97 → −333
    const second = stored(reversalLines({ rows: [...rows, ...first], refund: refundOf(6_666) })) // −665.93 → −666: +(−333)
    const last = stored(reversalLines({ rows: [...rows, ...first, ...second], refund: refundOf(10_000) }))
    expect([first, second, last].map((set) => set.map((r) => r.amount.amountMinor))).toEqual([
      [-333],
      [-333],
      [-333],
    ])
    expect(balance([...rows, ...first, ...second, ...last])).toEqual([EUR(0)])
    // replaying the same cumulative refund adds nothing
    expect(
      reversalLines({ rows: [...rows, ...first, ...second, ...last], refund: refundOf(10_000) }),
    ).toEqual([])
  })

  it('explains each reversal: the refund, the row, the total reversed and what earlier reversals took', () => {
    const rows = [row('a', 999)]
    const first = stored(reversalLines({ rows, refund: refundOf(3_333) }))
    const second = reversalLines({ rows: [...rows, ...first], refund: refundOf(6_666) })
    expect([first[0]?.explanation, second[0]?.explanation]).toEqual([
      'Reversal: 33.33 EUR of 100.00 EUR refunded, so row a of 9.99 EUR is reversed by 3.33 EUR in total → -3.33 EUR',
      'Reversal: 66.66 EUR of 100.00 EUR refunded, so row a of 9.99 EUR is reversed by 6.66 EUR in total, 3.33 EUR of it by earlier reversals → -3.33 EUR',
    ])
    const paid = reversalLines({
      rows: [row('p', 1_000, { payoutId: 'po1' })],
      refund: { fraction: { numerator: 1, denominator: 2 } },
    })
    expect(paid[0]?.explanation).toBe(
      'Clawback (the row was paid out): 1/2 of the conversion refunded, so row p of 10.00 EUR is reversed by 5.00 EUR in total → -5.00 EUR',
    )
  })

  it('a refund that shrinks is refused in money, not minor units', () => {
    const rows = [row('a', 1_000), row('r', -500, { kind: 'reversal', reversesRowId: 'a' })]
    expect(() => reversalLines({ rows, refund: refundOf(2_500) })).toThrow(
      'Row a is already reversed by 5.00 EUR, more than the refunded fraction asks (2.50 EUR): refunds only grow',
    )
  })

  it('any sequence of partial refunds that ends in a full refund nets every conversion to zero (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.constantFrom('half-even', 'half-up', 'down', 'up') as fc.Arbitrary<'half-even'>,
        (amounts, refundSteps, paid, rounding) => {
          const total = refundSteps.reduce((sum, step) => sum + step, 0)
          let rows: LedgerRow[] = amounts.map((amount, index) =>
            row(`o${index}`, amount, { payoutId: paid[index] ? 'po' : null }),
          )
          let refunded = 0
          for (const step of refundSteps) {
            refunded += step
            rows = [...rows, ...stored(reversalLines({ rows, refund: refundOf(refunded, total), rounding }))]
            // never reverses more than the original
            for (const original of rows.filter((r) => r.reversesRowId === null)) {
              const net = rows.filter((r) => r.id === original.id || r.reversesRowId === original.id)
              const left = net.reduce((sum, r) => sum + r.amount.amountMinor, 0)
              expect(left).toBeGreaterThanOrEqual(0)
              expect(left).toBeLessThanOrEqual(original.amount.amountMinor)
            }
          }
          expect(balance(rows)).toEqual([EUR(0)])
        },
      ),
    )
  })

  it('rejects bad fractions', () => {
    expect(() => reversalLines({ rows: [], refund: refundOf(11_000) })).toThrow(InvalidInputError)
    expect(() => reversalLines({ rows: [], refund: { fraction: { numerator: 1, denominator: 0 } } })).toThrow(
      /positive total/,
    )
    expect(() => reversalLines({ rows: [], refund: { refunded: money(1, 'USD'), total: EUR(10) } })).toThrow(
      /USD/,
    )
    expect(() =>
      reversalLines({ rows: [], refund: { fraction: { numerator: Number.NaN, denominator: 2 } } }),
    ).toThrow(InvalidInputError)
  })

  it('refuses a refund that shrank', () => {
    const rows = [row('a', 1_000)]
    const half = stored(reversalLines({ rows, refund: refundOf(5_000) }))
    expect(() => reversalLines({ rows: [...rows, ...half], refund: refundOf(1_000) })).toThrow(
      /refunds only grow/,
    )
  })
})

describe('balance', () => {
  it('sums per currency, never across currencies', () => {
    const rows = [row('a', 1_000), row('b', -250), row('c', 700, { amount: money(700, 'USD') })]
    expect(balance(rows)).toEqual([EUR(750), money(700, 'USD')])
    expect(balance([])).toEqual([])
  })

  it('rejects broken amounts', () => {
    expect(() => balance([{ amount: { amountMinor: 1.5, currency: 'EUR' } }])).toThrow()
  })
})
