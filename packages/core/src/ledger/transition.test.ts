import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IllegalTransitionError, InvalidInputError } from '../errors.ts'
import { money } from '../money/money.ts'
import { startLifecycle, transitionConversion } from './transition.ts'
import type { ConversionEvent, ConversionLifecycle, ConversionState } from './types.ts'

const OCCURRED = new Date('2024-06-01T00:00:00.000Z')
const DURING_HOLD = new Date('2024-06-10T00:00:00.000Z')
const AFTER_HOLD = new Date('2024-07-02T00:00:00.000Z')
const EUR = (amountMinor: number) => money(amountMinor, 'EUR')
const fresh = () => startLifecycle({ amount: EUR(10_000), occurredAt: OCCURRED, holdDays: 30 })
const inState = (state: ConversionState): ConversionLifecycle => ({ ...fresh(), state })

describe('startLifecycle', () => {
  it('starts pending with the hold period', () => {
    const lifecycle = fresh()
    expect(lifecycle.state).toBe('pending')
    expect(lifecycle.holdUntil.toISOString()).toBe('2024-07-01T00:00:00.000Z')
    expect(lifecycle.refunded).toEqual(EUR(0))
  })

  it('rejects negative amounts and NaN hold periods', () => {
    expect(() => startLifecycle({ amount: EUR(-1), occurredAt: OCCURRED, holdDays: 30 })).toThrow(
      InvalidInputError,
    )
    expect(() => startLifecycle({ amount: EUR(-500), occurredAt: OCCURRED, holdDays: 30 })).toThrow(
      'A conversion amount cannot be negative, got -5.00 EUR',
    )
    expect(() => startLifecycle({ amount: EUR(1), occurredAt: OCCURRED, holdDays: Number.NaN })).toThrow(
      /holdDays/,
    )
  })
})

describe('transitions', () => {
  const refund = (amountMinor: number, refundId = 'r1'): ConversionEvent => ({
    type: 'refund',
    refundId,
    amount: EUR(amountMinor),
  })

  // [from, event, now, expected next state | 'illegal', expected effect type]
  it.each<[ConversionState, ConversionEvent, Date, ConversionState | 'illegal', string]>([
    ['pending', { type: 'approve' }, DURING_HOLD, 'approved', 'set_row_status'],
    ['pending', { type: 'auto_approve' }, AFTER_HOLD, 'approved', 'set_row_status'],
    ['pending', { type: 'auto_approve' }, DURING_HOLD, 'illegal', ''],
    ['pending', { type: 'reject', reason: 'test order' }, DURING_HOLD, 'rejected', 'set_row_status'],
    ['pending', refund(4_000), DURING_HOLD, 'pending', 'reverse'],
    ['pending', refund(10_000), DURING_HOLD, 'reversed', 'reverse'],
    ['approved', { type: 'approve' }, DURING_HOLD, 'approved', 'none'],
    ['approved', { type: 'auto_approve' }, AFTER_HOLD, 'approved', 'none'],
    ['approved', { type: 'reject' }, DURING_HOLD, 'illegal', ''],
    ['approved', refund(2_500), AFTER_HOLD, 'approved', 'reverse'],
    ['approved', refund(10_000), AFTER_HOLD, 'reversed', 'reverse'],
    ['rejected', { type: 'approve' }, DURING_HOLD, 'illegal', ''],
    ['rejected', { type: 'auto_approve' }, AFTER_HOLD, 'illegal', ''],
    ['rejected', { type: 'reject' }, DURING_HOLD, 'rejected', 'none'],
    ['rejected', refund(100), DURING_HOLD, 'illegal', ''],
    ['reversed', { type: 'approve' }, DURING_HOLD, 'illegal', ''],
    ['reversed', { type: 'reject' }, DURING_HOLD, 'illegal', ''],
    ['reversed', refund(100, 'r2'), DURING_HOLD, 'illegal', ''],
  ])('%s + %j', (from, event, now, expected, effect) => {
    const current = inState(from)
    if (expected === 'illegal') {
      expect(() => transitionConversion(current, event, now)).toThrow(IllegalTransitionError)
      return
    }
    const result = transitionConversion(current, event, now)
    expect(result.next.state).toBe(expected)
    expect(result.effect.type).toBe(effect)
    expect(result.changed).toBe(effect !== 'none')
  })

  it('says why an illegal transition is refused', () => {
    expect(() => transitionConversion(inState('pending'), { type: 'auto_approve' }, DURING_HOLD)).toThrow(
      'Cannot auto-approve a conversion that is pending: its hold period runs until 2024-07-01T00:00:00.000Z',
    )
    expect(() => transitionConversion(inState('approved'), { type: 'reject' }, DURING_HOLD)).toThrow(
      /reversed with a refund/,
    )
  })

  it('partial refunds accumulate and reverse proportionally, then fully', () => {
    const first = transitionConversion(fresh(), refund(3_000, 'a'), DURING_HOLD)
    expect(first.effect).toEqual({ type: 'reverse', refundedBefore: EUR(0), refundedAfter: EUR(3_000) })
    const second = transitionConversion(first.next, refund(7_000, 'b'), DURING_HOLD)
    expect(second.next.state).toBe('reversed')
    expect(second.effect).toEqual({ type: 'reverse', refundedBefore: EUR(3_000), refundedAfter: EUR(10_000) })
  })

  it('a replayed refund id changes nothing, even after the conversion is reversed', () => {
    const once = transitionConversion(fresh(), refund(10_000, 'a'), DURING_HOLD)
    const twice = transitionConversion(once.next, refund(10_000, 'a'), DURING_HOLD)
    expect(twice.changed).toBe(false)
    expect(twice.next).toBe(once.next)
  })

  it('rejects over-refunds, foreign currencies and zero refunds', () => {
    expect(() => transitionConversion(fresh(), refund(10_001), DURING_HOLD)).toThrow(
      /exceeds what is left to refund \(100.00 EUR\)/,
    )
    expect(() =>
      transitionConversion(fresh(), { type: 'refund', refundId: 'x', amount: money(5, 'USD') }, DURING_HOLD),
    ).toThrow(/in USD/)
    expect(() => transitionConversion(fresh(), refund(0), DURING_HOLD)).toThrow(InvalidInputError)
    expect(() => transitionConversion(fresh(), { type: 'explode' } as never, DURING_HOLD)).toThrow(
      /Unknown conversion event/,
    )
    expect(() => transitionConversion(fresh(), { type: 'approve' }, new Date(Number.NaN))).toThrow(/now/)
  })

  it('applying the same event twice changes nothing (property)', () => {
    const eventArb: fc.Arbitrary<ConversionEvent> = fc.oneof(
      fc.constant({ type: 'approve' as const }),
      fc.constant({ type: 'auto_approve' as const }),
      fc.constant({ type: 'reject' as const }),
      fc.record({
        type: fc.constant('refund' as const),
        refundId: fc.constantFrom('r1', 'r2', 'r3'),
        amount: fc.integer({ min: 1, max: 6_000 }).map(EUR),
      }),
    )
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 8 }), (events) => {
        let current = fresh()
        for (const event of events) {
          let first: ReturnType<typeof transitionConversion>
          try {
            first = transitionConversion(current, event, AFTER_HOLD)
          } catch (error) {
            expect(error instanceof IllegalTransitionError || error instanceof InvalidInputError).toBe(true)
            continue
          }
          const again = transitionConversion(first.next, event, AFTER_HOLD)
          expect(again.changed).toBe(false)
          expect(again.next).toEqual(first.next)
          current = first.next
          expect(current.refunded.amountMinor).toBeLessThanOrEqual(current.amount.amountMinor)
          expect(current.state === 'reversed').toBe(
            current.refunded.amountMinor === current.amount.amountMinor,
          )
        }
      }),
    )
  })
})
