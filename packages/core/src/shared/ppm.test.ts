import { describe, expect, it } from 'vitest'
import { formatPpm } from './ppm.ts'

describe('formatPpm', () => {
  it.each([
    [1_000_000, '100%'],
    [500_000, '50%'],
    [333_334, '33.3334%'],
    [125_000, '12.5%'],
    [1, '0.0001%'],
    [10_500, '1.05%'],
    [0, '0%'],
  ])('%i ppm → %s', (ppm, text) => {
    expect(formatPpm(ppm)).toBe(text)
  })
})
