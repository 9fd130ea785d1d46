import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clickLoad, compareIds, sendClicks, TrackerDataDir } from './tracker-process.ts'

/**
 * Exactly once across restarts, the way an operator runs the tracker: the real process on an
 * embedded data directory, stopped with SIGTERM or killed with SIGKILL, started again. Every test
 * runs on a fresh directory and on one with history (earlier lives of the tracker whose clicks
 * were sent and whose spool was emptied), since a restart after a clean drain is where batch
 * tokens once repeated and ClickHouse silently dropped new clicks as retries.
 */
describe.each([
  { history: 'a fresh data directory', lives: 0 },
  { history: 'a data directory with history', lives: 2 },
])('tracker restarts on $history', ({ lives }) => {
  const data = new TrackerDataDir()
  let seed: { code: string; programId: string }
  /** Every click answered with a 302 so far, in this directory. */
  const answered: string[] = []

  beforeAll(async () => {
    seed = await data.seed()
    for (let i = 0; i < lives; i++) {
      const tracker = await data.start()
      answered.push(...(await sendClicks(tracker.base, seed.code, 150)))
      await tracker.drained()
      await tracker.stop()
    }
  })
  afterAll(() => data.dispose())

  async function expectExactlyAnswered(): Promise<void> {
    const stored = await data.storedClickIds(seed.programId)
    expect(compareIds(stored, answered)).toEqual({ missing: 0, twice: 0, extra: 0 })
    expect(stored).toHaveLength(answered.length)
  }

  it('after a drain, a clean stop and a new start, N more clicks are N more rows', async () => {
    const first = await data.start()
    answered.push(...(await sendClicks(first.base, seed.code, 120)))
    await first.drained()
    await first.stop()

    const second = await data.start()
    answered.push(...(await sendClicks(second.base, seed.code, 120)))
    await second.stop()
    await expectExactlyAnswered()
  })

  it('five restarts in a row keep every click, once', async () => {
    for (let life = 0; life < 5; life++) {
      const tracker = await data.start()
      answered.push(...(await sendClicks(tracker.base, seed.code, 60 + life)))
      await tracker.stop()
    }
    await expectExactlyAnswered()
  })

  it('SIGKILL mid-load: ClickHouse holds every click answered with a 302, by click id, once', async () => {
    const tracker = await data.start()
    const connections = 16
    let kill: Promise<void> | null = null
    // The load runs until its requests fail: the kill comes once 2,000 clicks were answered.
    const result = await clickLoad(tracker.base, seed.code, {
      connections,
      until: (n) => {
        if (n >= 2_000 && !kill) kill = tracker.kill()
        return false
      },
    })
    await kill
    expect(kill).not.toBeNull()
    expect(result.answered.length).toBeGreaterThanOrEqual(2_000)
    answered.push(...result.answered)

    // Restart: the spool a kill left behind is repaired and replayed, without duplicates.
    const next = await data.start()
    await next.drained()
    await next.stop()
    const stored = await data.storedClickIds(seed.programId)
    const diff = compareIds(stored, answered)
    expect(diff.missing).toBe(0)
    expect(diff.twice).toBe(0)
    // A click can be stored without its 302 only when the kill fell between the spool write and
    // the socket write of a request in flight (the click is written first): one per connection.
    expect(diff.extra).toBeLessThanOrEqual(Math.min(connections, result.unanswered))
  })
})
