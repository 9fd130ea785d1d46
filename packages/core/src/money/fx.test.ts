import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidRateError, MissingFxRateError } from '../errors.ts'
import { formatMoney } from './format.ts'
import { convert, type FxTable } from './fx.ts'
import { money } from './money.ts'

const table: FxTable = { base: 'EUR', rates: { USD: '1.08', JPY: '160', KWD: '0.333' } }

describe('convert', () => {
  it.each([
    [money(10000, 'EUR'), 'USD', 10800], // 100 EUR × 1.08
    [money(10800, 'USD'), 'EUR', 10000],
    [money(1000, 'EUR'), 'JPY', 1600], // 10.00 EUR → 1600 JPY (0 decimals)
    [money(1600, 'JPY'), 'EUR', 1000],
    [money(1000, 'USD'), 'JPY', 1481], // 10 / 1.08 × 160 = 1481.48 → 1481
    [money(10000, 'EUR'), 'KWD', 33300], // 100 EUR × 0.333 = 33.300 KWD (3 decimals)
  ])('%j → %s = %i', (amount, to, expected) => {
    expect(convert(amount, to, table)).toEqual(money(expected, to))
  })

  it('returns the same amount for the same currency', () => {
    expect(convert(money(123, 'EUR'), 'EUR', table)).toEqual(money(123, 'EUR'))
  })

  it('rounds once with the requested mode', () => {
    // 1 USD cent = 1/1.08 EUR cents = 0.9259…
    expect(convert(money(1, 'USD'), 'EUR', table, 'down').amountMinor).toBe(0)
    expect(convert(money(1, 'USD'), 'EUR', table, 'half-even').amountMinor).toBe(1)
  })

  it('has typed errors for missing and broken rates', () => {
    expect(() => convert(money(100, 'EUR'), 'GBP', table)).toThrow(MissingFxRateError)
    expect(() => convert(money(100, 'EUR'), 'GBP', { base: 'EUR', rates: { GBP: '-1' } })).toThrow(
      InvalidRateError,
    )
  })
})

describe('formatMoney', () => {
  it('has a fixed form for explanations', () => {
    expect(formatMoney(money(123456, 'EUR'))).toBe('1,234.56 EUR')
    expect(formatMoney(money(-5, 'EUR'))).toBe('-0.05 EUR')
    expect(formatMoney(money(1200000, 'JPY'))).toBe('1,200,000 JPY')
    expect(formatMoney(money(1005, 'KWD'))).toBe('1.005 KWD')
  })

  it('matches a plain digit-by-digit reference for any amount and number of decimals (property)', () => {
    const reference = (amountMinor: number, decimals: number, currency: string) => {
      const digits = String(Math.abs(amountMinor)).padStart(decimals + 1, '0')
      const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+$)/g, ',')
      const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : ''
      return `${amountMinor < 0 ? '-' : ''}${whole}${fraction} ${currency}`
    }
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(['JPY', 0], ['EUR', 2], ['KWD', 3], ['CLF', 4]),
        (amountMinor, [currency, decimals]) => {
          expect(formatMoney(money(amountMinor, currency))).toBe(reference(amountMinor, decimals, currency))
        },
      ),
    )
  })

  it('uses Intl for a locale, exactly', () => {
    expect(formatMoney(money(123456, 'EUR'), { locale: 'de-DE' })).toBe('1.234,56\u00a0€')
    expect(formatMoney(money(123456, 'USD'), { locale: 'en-US' })).toBe('$1,234.56')
    expect(formatMoney(money(9_007_199_254_740_991, 'USD'), { locale: 'en-US' })).toBe(
      '$90,071,992,547,409.91',
    )
  })
})
