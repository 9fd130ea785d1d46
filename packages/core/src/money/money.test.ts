import { describe, expect, it } from 'vitest'
import { CurrencyMismatchError, InvalidMoneyError, UnknownCurrencyError } from '../errors.ts'
import {
  addMoney,
  compareMoney,
  currencyDecimals,
  money,
  moneyFromDecimal,
  moneyToDecimal,
  negateMoney,
  subtractMoney,
  sumMoney,
} from './money.ts'

describe('currencyDecimals', () => {
  it.each([
    ['EUR', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
  ])('%s has %i decimals', (code, decimals) => {
    expect(currencyDecimals(code)).toBe(decimals)
  })

  it('rejects unknown and lower-case codes with a typed error', () => {
    expect(() => currencyDecimals('XYZ')).toThrow(UnknownCurrencyError)
    expect(() => currencyDecimals('eur')).toThrow(/Unknown currency 'eur'/)
  })
})

describe('money()', () => {
  it('accepts safe integers, including negatives', () => {
    expect(money(-250, 'EUR')).toEqual({ amountMinor: -250, currency: 'EUR' })
  })

  it.each([Number.NaN, 1.5, Number.POSITIVE_INFINITY, 2 ** 53])('rejects %s minor units', (value) => {
    expect(() => money(value, 'EUR')).toThrow(InvalidMoneyError)
  })

  it('rejects an unknown currency', () => {
    expect(() => money(100, 'ABC')).toThrow(UnknownCurrencyError)
  })
})

describe('arithmetic', () => {
  it('adds, subtracts and sums in one currency', () => {
    expect(addMoney(money(150, 'EUR'), money(275, 'EUR')).amountMinor).toBe(425)
    expect(subtractMoney(money(150, 'EUR'), money(275, 'EUR')).amountMinor).toBe(-125)
    expect(sumMoney([money(1, 'JPY'), money(2, 'JPY'), money(3, 'JPY')], 'JPY')).toEqual(money(6, 'JPY'))
    expect(sumMoney([], 'USD')).toEqual(money(0, 'USD'))
    expect(negateMoney(money(5, 'USD')).amountMinor).toBe(-5)
    expect(compareMoney(money(5, 'USD'), money(7, 'USD'))).toBe(-1)
  })

  it('refuses to mix currencies', () => {
    expect(() => addMoney(money(1, 'EUR'), money(1, 'USD'))).toThrow(CurrencyMismatchError)
    expect(() => sumMoney([money(1, 'EUR'), money(1, 'USD')], 'EUR')).toThrow(/convert one of them/)
  })

  it('refuses a sum that leaves the safe integer range', () => {
    expect(() => addMoney(money(Number.MAX_SAFE_INTEGER, 'EUR'), money(1, 'EUR'))).toThrow(InvalidMoneyError)
  })
})

describe('decimal text', () => {
  it.each([
    ['12.34', 'EUR', 1234],
    ['12.3', 'EUR', 1230],
    ['500', 'JPY', 500],
    ['1.005', 'KWD', 1005],
    ['-0.5', 'USD', -50],
  ])('%s %s is %i minor units', (text, currency, minor) => {
    const parsed = moneyFromDecimal(text, currency)
    expect(parsed.amountMinor).toBe(minor)
    expect(moneyFromDecimal(moneyToDecimal(parsed), currency)).toEqual(parsed)
  })

  it('renders minor units as exact decimals', () => {
    expect(moneyToDecimal(money(5, 'EUR'))).toBe('0.05')
    expect(moneyToDecimal(money(-1234, 'EUR'))).toBe('-12.34')
    expect(moneyToDecimal(money(1234, 'KWD'))).toBe('1.234')
    expect(moneyToDecimal(money(1234, 'JPY'))).toBe('1234')
  })

  it('rejects more decimals than the currency has, and junk', () => {
    expect(() => moneyFromDecimal('1.5', 'JPY')).toThrow(/more than the 0 decimal/)
    expect(() => moneyFromDecimal('1.234', 'EUR')).toThrow(InvalidMoneyError)
    expect(() => moneyFromDecimal('abc', 'EUR')).toThrow(InvalidMoneyError)
  })
})
