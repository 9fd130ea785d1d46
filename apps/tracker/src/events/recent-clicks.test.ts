import { describe, expect, it } from 'vitest'
import { RecentClicks } from './recent-clicks.ts'

const HOUR = 3_600_000

describe('RecentClicks', () => {
  it('counts the clicks of a key on a link in the window; the first is 1', () => {
    const r = new RecentClicks(HOUR, 1_000, 0)
    expect(r.hit(1, 'v', 0)).toBe(1)
    expect(r.hit(1, 'v', 10)).toBe(2)
    expect(r.hit(2, 'v', 20)).toBe(1) // another link
    expect(r.hit(1, 'w', 20)).toBe(1) // another key
    expect(r.hit(1, 'v', HOUR - 1)).toBe(3)
    expect(r.hit(1, 'v', HOUR + 5)).toBe(1)
  })

  it('keeps the window across a generation swap', () => {
    const r = new RecentClicks(HOUR, 1_000, 0)
    r.hit(1, 'k', HOUR - 10) // stored in the first generation
    expect(r.hit(1, 'x', HOUR + 1)).toBe(1) // triggers the swap
    expect(r.hit(1, 'k', HOUR + 2)).toBe(2)
  })

  it('bounds memory: a full generation is swapped early', () => {
    const r = new RecentClicks(HOUR, 100, 0)
    for (let i = 0; i < 1_000; i++) r.hit(i % 7, `k${i}`, i)
    expect(r.hit(999 % 7, 'k999', 1_000)).toBe(2)
    expect(r.hit(0, 'k0', 1_001)).toBe(1) // long swapped out: counted afresh
  })
})
