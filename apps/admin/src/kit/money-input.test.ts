import { describe, expect, it } from 'vitest'
import { formatMajor, formatPpmShare, parseMajor } from './money-input.ts'

describe('money inputs', () => {
  it('parses major units exactly, in the currency’s decimals, and refuses what is no amount', () => {
    expect(parseMajor('12', 'EUR')).toBe(1_200)
    expect(parseMajor('1,234.56', 'EUR')).toBe(123_456)
    expect(parseMajor('0.1', 'EUR')).toBe(10)
    expect(parseMajor('5', 'JPY')).toBe(5)
    expect(parseMajor('1.234', 'KWD')).toBe(1_234)
    for (const bad of ['', '-1', '1.234', 'abc', '1e3']) expect(parseMajor(bad, 'EUR'), bad).toBeNull()
    expect(formatMajor(123_456, 'EUR')).toBe('1234.56')
    expect(formatMajor(5, 'JPY')).toBe('5')
    expect(formatPpmShare(1_000_000)).toBe('100%')
    expect(formatPpmShare(333_334)).toBe('33.33%')
  })
})
