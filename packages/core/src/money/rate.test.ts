import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidRateError } from '../errors.ts'
import { money } from './money.ts'
import { applyRate, formatRate, rateToRatio } from './rate.ts'
import type { RoundingMode } from './rounding.ts'

describe('applyRate rounding modes', () => {
  // amount × rate with the exact intermediate value written out by hand.
  it.each<[number, number, RoundingMode, number]>([
    [12345, 1000, 'half-even', 1234], // 1234.5 → even 1234
    [12355, 1000, 'half-even', 1236], // 1235.5 → even 1236
    [12345, 1000, 'half-up', 1235], // 1234.5 → away from zero
    [12349, 1000, 'down', 1234], // 1234.9 → towards zero
    [12341, 1000, 'up', 1235], // 1234.1 → away from zero
    [-12345, 1000, 'half-even', -1234], // symmetric for refunds
    [-12345, 1000, 'half-up', -1235],
    [-12349, 1000, 'down', -1234],
    [-12341, 1000, 'up', -1235],
    [10000, 0, 'up', 0],
    [999, 3333, 'half-even', 333], // 332.9667 → 333
  ])('%i × %i bps (%s) = %i', (amount, bps, mode, expected) => {
    expect(applyRate(money(amount, 'EUR'), { bps }, mode)).toEqual(money(expected, 'EUR'))
  })

  it('defaults to half-even', () => {
    expect(applyRate(money(25, 'EUR'), { bps: 5000 }).amountMinor).toBe(12) // 12.5 → 12
    expect(applyRate(money(35, 'EUR'), { bps: 5000 }).amountMinor).toBe(18) // 17.5 → 18
  })

  it('accepts exact decimal percentages', () => {
    expect(applyRate(money(10000, 'EUR'), { percent: '12.5' }).amountMinor).toBe(1250)
    expect(applyRate(money(10000, 'EUR'), { percent: '0.125' }).amountMinor).toBe(12) // 12.5 → 12
    expect(applyRate(money(3, 'EUR'), { percent: '33.333333333333' }).amountMinor).toBe(1)
  })

  it('stays exact beyond the float range of amount × bps', () => {
    const big = money(9_000_000_000_000_001, 'EUR')
    // 9,000,000,000,000,001 × 0.5 = 4,500,000,000,000,000.5 → half-even 4,500,000,000,000,000
    expect(applyRate(big, { bps: 5000 }).amountMinor).toBe(4_500_000_000_000_000)
  })

  it('bps and percent forms of the same rate agree (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 100_000 }),
        (amount, bps) => {
          const asPercent = { percent: (bps / 100).toFixed(2) }
          expect(applyRate(money(amount, 'USD'), { bps })).toEqual(applyRate(money(amount, 'USD'), asPercent))
        },
      ),
    )
  })

  it('the fast path equals the exact bigint path (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e11, max: 1e11 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.constantFrom<RoundingMode>('half-even', 'half-up', 'down', 'up'),
        (amount, bps, mode) => {
          const fast = applyRate(money(amount, 'USD'), { bps }, mode).amountMinor
          const viaPercent = applyRate(money(amount, 'USD'), { percent: String(bps / 100) }, mode).amountMinor
          expect(fast).toBe(viaPercent)
        },
      ),
    )
  })
})

describe('fraction rates', () => {
  const third = { numerator: 1, denominator: 3 }

  it('one third is exact where no decimal percentage is', () => {
    // 30,000.00 EUR × 1/3 = 10,000.00 exactly; × 33.3333% = 9,999.99
    expect(applyRate(money(3_000_000, 'EUR'), third)).toEqual(money(1_000_000, 'EUR'))
    expect(applyRate(money(3_000_000, 'EUR'), { percent: '33.3333' })).toEqual(money(999_999, 'EUR'))
  })

  it('rounds once with the mode: 0.10 EUR × 1/3 = 3.33… cents', () => {
    expect(applyRate(money(10, 'EUR'), third, 'half-even').amountMinor).toBe(3)
    expect(applyRate(money(10, 'EUR'), third, 'up').amountMinor).toBe(4)
    expect(applyRate(money(5, 'EUR'), { numerator: 1, denominator: 2 }, 'half-up').amountMinor).toBe(3) // 2.5
  })

  it('says the fraction it applies and the percentage it stands for', () => {
    expect(formatRate(third)).toBe('1/3 (33.3333%)')
    expect(formatRate({ numerator: 2, denominator: 8 })).toBe('2/8 (25%)')
  })

  it.each([
    { numerator: -1, denominator: 3 },
    { numerator: 1, denominator: 0 },
    { numerator: 1.5, denominator: 3 },
    { numerator: 1, denominator: Number.NaN },
  ])('rejects %j', (rate) => {
    expect(() => rateToRatio(rate)).toThrow(InvalidRateError)
  })
})

describe('rates', () => {
  it('formats rates for explanations', () => {
    expect(formatRate({ bps: 1000 })).toBe('10%')
    expect(formatRate({ bps: 1250 })).toBe('12.5%')
    expect(formatRate({ percent: '7.25' })).toBe('7.25%')
  })

  it.each([
    { bps: -1 },
    { bps: 1.5 },
    { bps: Number.NaN },
    { percent: '-3' },
    { percent: '1e3' },
    { percent: 'ten' },
  ])('rejects %j', (rate) => {
    expect(() => rateToRatio(rate)).toThrow(InvalidRateError)
  })
})
