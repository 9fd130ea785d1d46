import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  checkDayRange,
  dayRangeShape,
  daySchema,
  isStorableText,
  MAX_RANGE_DAYS,
  textSchema,
} from './common.ts'

describe('daySchema', () => {
  it('accepts real UTC calendar days only', () => {
    expect(daySchema.safeParse('2024-02-29').success).toBe(true)
    for (const bad of [
      '2023-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-1-01',
      '01/02/2025',
      '',
      '2025-01-01T00:00:00Z',
    ]) {
      expect(daySchema.safeParse(bad).success, bad).toBe(false)
    }
  })
})

describe('checkDayRange', () => {
  const range = z.object(dayRangeShape).superRefine(checkDayRange)
  it('wants from ≤ to and a bounded length', () => {
    expect(range.safeParse({ from: '2025-01-01', to: '2025-01-01' }).success).toBe(true)
    expect(range.safeParse({ from: '2025-01-02', to: '2025-01-01' }).error?.issues[0]?.message).toBe(
      '"to" must be on or after "from"',
    )
    expect(range.safeParse({ from: '2020-01-01', to: '2025-01-01' }).error?.issues[0]?.message).toBe(
      `A range can cover at most ${MAX_RANGE_DAYS} days`,
    )
  })
})

describe('edge limits for the stores', () => {
  it('keeps days within 1970-01-01 … 2099-12-31', () => {
    for (const ok of ['1970-01-01', '2099-12-31', '2002-05-10'])
      expect(daySchema.safeParse(ok).success, ok).toBe(true)
    for (const bad of ['0000-01-01', '9999-12-31', '1969-12-31', '2100-01-01']) {
      expect(daySchema.safeParse(bad).error?.issues[0]?.message, bad).toBe(
        'Dates must be between 1970-01-01 and 2099-12-31',
      )
    }
  })

  it('refuses control characters and lone surrogates in text, and trims it', () => {
    const text = textSchema(10)
    expect(text.parse('  ana  ')).toBe('ana')
    expect(text.parse('😀 ok')).toBe('😀 ok')
    for (const bad of ['a\u0000', 'a\u0007b', 'a\u007f', 'a\u0085b', '\ud800', 'x\udc00']) {
      expect(text.safeParse(bad).success, JSON.stringify(bad)).toBe(false)
    }
    expect(text.safeParse('x'.repeat(11)).success).toBe(false)
    expect(isStorableText('tab\tok')).toBe(true)
    expect(isStorableText('nul\u0000')).toBe(false)
    expect(isStorableText('\udbff')).toBe(false)
  })
})
