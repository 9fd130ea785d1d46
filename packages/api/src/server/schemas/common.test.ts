import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { checkDayRange, dayRangeShape, daySchema, MAX_RANGE_DAYS } from './common.ts'

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
