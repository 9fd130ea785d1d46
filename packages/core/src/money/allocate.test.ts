import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidInputError, UnknownCurrencyError } from '../errors.ts'
import { allocate, allocateMinor, largestRemainderPart, leftoverUnits } from './allocate.ts'
import { money } from './money.ts'

const minor = (parts: { amountMinor: number }[]) => parts.map((part) => part.amountMinor)

describe('allocate (largest remainder)', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [100, [1, 2], [33, 67]], // 33.33 / 66.67: the larger remainder (.67) gets the cent
    [5, [3, 3, 3, 1], [2, 2, 1, 0]], // quotas 1.5 1.5 1.5 0.5: two leftover units, ties go to the earlier shares
    [0, [1, 1], [0, 0]],
    [7, [0, 1], [0, 7]],
    [1, [400_000, 200_000, 400_000], [1, 0, 0]], // .4 .2 .4 → the first .4 wins the tie
  ])('%i by %j → %j', (amount, weights, expected) => {
    expect(minor(allocate(money(amount, 'EUR'), weights))).toEqual(expected)
  })

  it('keeps the currency', () => {
    expect(allocate(money(1000, 'JPY'), [1, 1]).every((part) => part.currency === 'JPY')).toBe(true)
  })

  it('never loses or invents a minor unit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 20 }),
        (amount, weights) => {
          fc.pre(weights.some((weight) => weight > 0))
          const parts = minor(allocate(money(amount, 'USD'), weights))
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(amount)
          // each share is within one minor unit of its exact quota
          const total = weights.reduce((sum, weight) => sum + weight, 0)
          parts.forEach((part, index) => {
            expect(Math.abs(part - (amount * weights[index]!) / total)).toBeLessThan(1.0001)
          })
        },
      ),
    )
  })

  it('largestRemainderPart computes each part in place, as allocateMinor does (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_000_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 6 }),
        (total, weights) => {
          const sum = weights.reduce((a, b) => a + b, 0)
          fc.pre(Number.isSafeInteger(total * 1_000_000))
          const leftover = leftoverUnits(total, weights, sum)
          const parts = weights.map((_, k) => largestRemainderPart(total, weights, sum, leftover, k))
          expect(parts).toEqual(allocateMinor(total, weights))
        },
      ),
    )
    // ties go to the earlier weight: 1 unit over three equal remainders
    expect(
      [0, 1, 2].map((k) => largestRemainderPart(1, [1, 1, 1], 3, leftoverUnits(1, [1, 1, 1], 3), k)),
    ).toEqual([1, 0, 0])
  })

  it('rejects bad weights and bad money', () => {
    expect(() => allocate(money(10, 'EUR'), [])).toThrow(InvalidInputError)
    expect(() => allocate(money(10, 'EUR'), [0, 0])).toThrow(
      'Cannot allocate 0.10 EUR among weights that are all zero',
    )
    expect(() => allocate(money(10, 'EUR'), [-1, 2])).toThrow(InvalidInputError)
    expect(() => allocate(money(10, 'EUR'), [Number.NaN])).toThrow(InvalidInputError)
    expect(() => allocate({ amountMinor: 10, currency: 'XXX1' }, [1])).toThrow(UnknownCurrencyError)
  })
})
