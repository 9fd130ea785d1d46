import { describe, expect, it } from 'vitest'
import { RecentClicks } from './recent-clicks.ts'

const HOUR = 3_600_000

describe('RecentClicks', () => {
  it('marks the first click of a key in the window unique and counts the rest', () => {
    const r = new RecentClicks(HOUR, 1_000, 0)
    expect(r.hit('1:v', 0)).toEqual({ first: true, count: 1 })
    expect(r.hit('1:v', 10)).toEqual({ first: false, count: 2 })
    expect(r.hit('2:v', 20)).toEqual({ first: true, count: 1 })
    expect(r.hit('1:v', HOUR - 1)).toEqual({ first: false, count: 3 })
    expect(r.hit('1:v', HOUR + 5)).toEqual({ first: true, count: 1 })
  })

  it('keeps the window across a generation swap', () => {
    const r = new RecentClicks(HOUR, 1_000, 0)
    r.hit('k', HOUR - 10) // stored in the first generation
    expect(r.hit('x', HOUR + 1).first).toBe(true) // triggers the swap
    expect(r.hit('k', HOUR + 2)).toEqual({ first: false, count: 2 })
  })

  it('bounds memory: a full generation is swapped early', () => {
    const r = new RecentClicks(HOUR, 100, 0)
    for (let i = 0; i < 1_000; i++) r.hit(`k${i}`, i)
    expect(r.hit('k999', 1_000).first).toBe(false)
  })
})
