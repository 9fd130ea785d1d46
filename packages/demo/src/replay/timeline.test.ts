import { describe, expect, it } from 'vitest'
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
