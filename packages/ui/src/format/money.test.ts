import { describe, expect, it } from 'vitest'
import { formatCompactMoney, formatMoney, minorToMajor, moneyDataValue, sortByCurrency } from './money.ts'

// Intl puts a narrow no-break space in some outputs; compare on plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

describe('formatMoney', () => {
  it('formats two-decimal currencies from minor units', () => {
    expect(formatMoney({ amountMinor: 1234500, currency: 'EUR' }, 'en-US')).toBe('€12,345.00')
    expect(formatMoney({ amountMinor: 5, currency: 'USD' }, 'en-US')).toBe('$0.05')
    expect(plain(formatMoney({ amountMinor: 123456, currency: 'EUR' }, 'de-DE'))).toBe('1.234,56 €')
  })

  it('formats zero-decimal currencies (JPY): minor units are whole yen', () => {
    expect(formatMoney({ amountMinor: 500, currency: 'JPY' }, 'en-US')).toBe('¥500')
    expect(formatMoney({ amountMinor: 1234567, currency: 'JPY' }, 'en-US')).toBe('¥1,234,567')
  })

  it('formats three-decimal currencies (KWD) with all three decimals', () => {
    expect(plain(formatMoney({ amountMinor: 1500, currency: 'KWD' }, 'en-US'))).toBe('KWD 1.500')
    expect(plain(formatMoney({ amountMinor: 7, currency: 'KWD' }, 'en-US'))).toBe('KWD 0.007')
  })

  it('uses ISO 4217 decimals even where Intl would not (IQD has 3)', () => {
    expect(plain(formatMoney({ amountMinor: 12345, currency: 'IQD' }, 'en-US'))).toBe('IQD 12.345')
  })

  it('formats zero and negative amounts', () => {
    expect(formatMoney({ amountMinor: 0, currency: 'EUR' }, 'en-US')).toBe('€0.00')
    expect(formatMoney({ amountMinor: -250, currency: 'USD' }, 'en-US')).toBe('-$2.50')
  })

  it('keeps every digit of amounts too large for a float to hold in major units', () => {
    expect(formatMoney({ amountMinor: 9007199254740991, currency: 'USD' }, 'en-US')).toBe(
      '$90,071,992,547,409.91',
    )
  })

  it('does not throw on an unknown currency code', () => {
    expect(formatMoney({ amountMinor: 100, currency: 'XYZ' }, 'en-US')).toBe('100 XYZ (minor units)')
  })
})

describe('moneyDataValue', () => {
  it('joins currency:minor pairs sorted by currency', () => {
    expect(
      moneyDataValue([
        { amountMinor: 100, currency: 'USD' },
        { amountMinor: 1234500, currency: 'EUR' },
      ]),
    ).toBe('EUR:1234500;USD:100')
  })

  it('is empty for no amounts', () => {
    expect(moneyDataValue([])).toBe('')
  })

  it('keeps negative amounts and does not reorder the input', () => {
    const input = [
      { amountMinor: -5, currency: 'USD' },
      { amountMinor: 3, currency: 'JPY' },
    ]
    expect(moneyDataValue(input)).toBe('JPY:3;USD:-5')
    expect(sortByCurrency(input).map((value) => value.currency)).toEqual(['JPY', 'USD'])
    expect(input[0]?.currency).toBe('USD')
  })
})

describe('minorToMajor', () => {
  it('divides by the currency exponent', () => {
    expect(minorToMajor(1234, 'EUR')).toBe(12.34)
    expect(minorToMajor(1234, 'JPY')).toBe(1234)
    expect(minorToMajor(1234, 'KWD')).toBe(1.234)
  })
})

describe('formatCompactMoney', () => {
  it('shortens large amounts for axes', () => {
    expect(formatCompactMoney(123456789, 'EUR', 'en-US')).toBe('€1.2M')
    expect(formatCompactMoney(50000, 'JPY', 'en-US')).toBe('¥50K')
  })
})
