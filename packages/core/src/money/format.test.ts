import { describe, expect, it } from 'vitest'
import { CoreError, InvalidInputError } from '../errors.ts'
import { formatMoney } from './format.ts'
import { money } from './money.ts'

describe('formatMoney options', () => {
  const amounts = [money(123456, 'EUR'), money(5, 'EUR')]

  it('amounts.map(formatMoney) does not take the array index for a locale', () => {
    // @ts-expect-error map passes (value, index, array): the index is no FormatMoneyOptions.
    expect(amounts.map(formatMoney)).toEqual(['1,234.56 EUR', '0.05 EUR'])
  })

  it('takes the locale from an options object', () => {
    expect(formatMoney(amounts[0]!, { locale: 'de-DE' })).toBe('1.234,56\u00a0€')
    expect(formatMoney(amounts[0]!, {})).toBe('1,234.56 EUR')
  })

  it('an invalid locale is a CoreError, not a RangeError', () => {
    const call = () => formatMoney(amounts[0]!, { locale: 'not a locale!' })
    expect(call).toThrow(InvalidInputError)
    expect(call).toThrow(/Invalid locale "not a locale!": use a BCP 47 tag such as 'de-DE'/)
    try {
      call()
    } catch (error) {
      expect(error).toBeInstanceOf(CoreError)
      expect(error).not.toBeInstanceOf(RangeError)
    }
  })

  it('a bare string in place of the options object is refused with the fix', () => {
    // @ts-expect-error the second argument is an options object since locales became an option.
    expect(() => formatMoney(amounts[0]!, 'de-DE')).toThrow(
      `formatMoney() takes options as an object, e.g. { locale: 'de-DE' }, got "de-DE"`,
    )
  })
})
