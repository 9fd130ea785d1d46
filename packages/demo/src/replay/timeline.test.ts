import { describe, expect, it } from 'vitest'
import { runTimeline } from './run-timeline.ts'
import { Timeline } from './timeline.ts'

describe('Timeline', () => {
  it('runs steps by time, then rank, then insertion, including steps added while running', async () => {
    const timeline = new Timeline()
    const ran: string[] = []
    const step = (name: string, at: number, rank = 0) => ({
      at,
      rank,
      run: async () => {
        ran.push(name)
      },
    })
    timeline.add(step('c', 30))
    timeline.add(step('b-approve', 20, 3))
    timeline.add(step('b-record', 20, 1))
    timeline.add(step('b-record-2', 20, 1))
    timeline.add({
      at: 10,
      rank: 0,
      run: async () => {
        ran.push('a')
        timeline.add(step('a-later', 25))
      },
    })
    for (let s = timeline.next(); s; s = timeline.next()) await s.run()
    expect(ran).toEqual(['a', 'b-record', 'b-record-2', 'b-approve', 'a-later', 'c'])
    expect(timeline.size).toBe(0)
  })
})

describe('runTimeline', () => {
  it('runs steps with disjoint footprints together, never two that share one, and a step without one alone', async () => {
    const timeline = new Timeline()
    const running = new Set<string>()
    const overlaps: string[][] = []
    const step = (name: string, at: number, footprint?: string[]) => ({
      at,
      rank: 0,
      ...(footprint ? { footprint } : {}),
      run: async () => {
        running.add(name)
        overlaps.push([...running].sort())
        await new Promise((resolve) => setTimeout(resolve, 5))
        running.delete(name)
      },
    })
    timeline.add(step('a', 1, ['p1', 'c1']))
    timeline.add(step('b', 2, ['p2', 'c2']))
    timeline.add(step('c', 3, ['p1', 'c3']))
    timeline.add(step('setup', 4))
    timeline.add(step('d', 5, ['p3']))
    timeline.add(step('late', 99, ['p4']))
    const ran: string[] = []
    await runTimeline(timeline, 50, 8, (s) => ran.push(String(s.at)))
    expect(ran).toEqual(['1', '2', '3', '4', '5'])
    // a and b overlapped; c waited for a (same partner); setup and d ran alone.
    expect(overlaps).toContainEqual(['a', 'b'])
    expect(overlaps.some((o) => o.includes('c') && o.includes('a'))).toBe(false)
    expect(overlaps.filter((o) => o.includes('setup'))).toEqual([['setup']])
  })

  it('runs one step at a time when parallel is 1', async () => {
    const timeline = new Timeline()
    let running = 0
    let most = 0
    for (let i = 0; i < 5; i++) {
      timeline.add({
        at: i,
        rank: 0,
        footprint: [`p${i}`],
        run: async () => {
          most = Math.max(most, ++running)
          await new Promise((resolve) => setTimeout(resolve, 1))
          running--
        },
      })
    }
    await runTimeline(timeline, 10, 1)
    expect(most).toBe(1)
  })
})
