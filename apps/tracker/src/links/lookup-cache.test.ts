import { describe, expect, it } from 'vitest'
import { LookupCache } from './lookup-cache.ts'

function cache(values: Record<string, string>) {
  let clock = 0
  const loads: string[] = []
  const gates: (() => void)[] = []
  const c = new LookupCache<string>({
    ttlMs: 1_000,
    negativeTtlMs: 100,
    maxEntries: 10,
    now: () => clock,
    load: (key) => {
      loads.push(key)
      return new Promise((resolve) => gates.push(() => resolve(values[key] ?? null)))
    },
  })
  return {
    c,
    loads,
    open: () => {
      for (const g of gates.splice(0)) g()
    },
    tick: (ms: number) => (clock += ms),
  }
}

describe('LookupCache', () => {
  it('loads a missing key once however many requests wait on it, then answers synchronously', async () => {
    const { c, loads, open } = cache({ a: 'A' })
    const waiting = Array.from({ length: 50 }, () => c.get('a'))
    expect(waiting.every((w) => w instanceof Promise)).toBe(true)
    open()
    expect(await Promise.all(waiting)).toEqual(Array(50).fill('A'))
    expect(loads).toEqual(['a'])
    expect(c.get('a')).toBe('A')
  })

  it('caches "not found" too, for its own (shorter) time', async () => {
    const { c, loads, open, tick } = cache({})
    const first = c.get('nope')
    open()
    expect(await first).toBeNull()
    expect(c.get('nope')).toBeNull()
    tick(101)
    const again = c.get('nope')
    expect(again).toBeInstanceOf(Promise)
    open()
    await again
    expect(loads).toEqual(['nope', 'nope'])
  })

  it('expires entries, and an invalidation drops a key and discards a load that raced it', async () => {
    const values: Record<string, string> = { a: 'old' }
    const { c, open, tick } = cache(values)
    const load = c.get('a')
    c.invalidate('a') // the row changed while the old value was being read
    open()
    expect(await load).toBe('old')
    values.a = 'new'
    const reload = c.get('a')
    expect(reload).toBeInstanceOf(Promise)
    open()
    expect(await reload).toBe('new')
    expect(c.get('a')).toBe('new')
    tick(1_001)
    expect(c.get('a')).toBeInstanceOf(Promise)
  })

  it('stays within maxEntries and drops by predicate', async () => {
    const values = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i % 2 ? 'odd' : 'even']))
    const { c, open } = cache(values)
    for (let i = 0; i < 30; i++) {
      const p = c.get(`k${i}`)
      open()
      await p
    }
    expect(c.size).toBeLessThanOrEqual(10)
    c.invalidateWhere((v) => v === 'odd')
    expect(c.size).toBeLessThanOrEqual(5)
  })
})
