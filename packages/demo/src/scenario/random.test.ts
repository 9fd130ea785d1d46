import { describe, expect, it } from 'vitest'
import { Random, WeightedSampler } from './random.ts'

describe('Random', () => {
  it('replays the same sequence for the same label, and another for another label', () => {
    const a = Random.from('x')
    const b = Random.from('x')
    const c = Random.from('y')
    const seqA = Array.from({ length: 5 }, () => a.uint32())
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(seqA)
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(seqA)
  })

  it('forks independent streams', () => {
    const root = Random.from('root')
    const f1 = root.fork('a').uint32()
    root.uint32()
    expect(Random.from('root').fork('a').uint32()).toBe(f1)
  })

  it('draws integers inside the bounds and uuids in RFC 4122 form', () => {
    const r = Random.from('bounds')
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7)
      expect(n).toBeGreaterThanOrEqual(3)
      expect(n).toBeLessThanOrEqual(7)
    }
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(r.token(30)).toMatch(/^[A-Za-z0-9_-]{40}$/)
  })

  it('samples in proportion to weights and never picks a zero weight', () => {
    const r = Random.from('weights')
    const sampler = new WeightedSampler([1, 0, 3])
    const counts = [0, 0, 0]
    for (let i = 0; i < 4000; i++) counts[sampler.sample(r)]! += 1
    expect(counts[1]).toBe(0)
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.5)
    expect(counts[2]! / counts[0]!).toBeLessThan(3.5)
  })
})
