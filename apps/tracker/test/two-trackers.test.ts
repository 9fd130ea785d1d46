import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clickHouseInserter, type InsertBatch } from '../src/spool/inserter.ts'
import { Sender } from '../src/spool/sender.ts'
import { Spool } from '../src/spool/spool.ts'
import { seedProgram, startTestTracker } from './fixtures.ts'
import { compareIds, sendClicks } from './tracker-process.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
const dirs: string[] = []

beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function storedClickIds(programId: string): Promise<string[]> {
  const result = await stores.ch.query({
    query: 'SELECT click_id FROM clicks WHERE program_id = {p:UUID}',
    query_params: { p: programId },
    format: 'JSONEachRow',
  })
  return (await result.json<{ click_id: string }>()).map((r) => r.click_id)
}

/** Records every token the real inserter is given, then inserts. */
function recordingInserter(tokens: string[]) {
  const real = clickHouseInserter(stores.ch)
  return {
    insert(batch: InsertBatch) {
      tokens.push(batch.token)
      return real.insert(batch)
    },
  }
}

describe('several trackers writing to one ClickHouse', () => {
  it('two trackers on two spool directories: distinct spool ids, no token collides, every click once', async () => {
    const seed = await seedProgram(stores.db)
    const tokens: string[][] = [[], []]
    const trackers = await Promise.all(
      tokens.map((list) => startTestTracker(stores, { inserter: recordingInserter(list) })),
    )
    const answered: string[] = []
    // Interleaved rounds, so both spools number their segments from the start at the same time.
    for (let round = 0; round < 3; round++) {
      for (const { tracker } of trackers)
        answered.push(...(await sendClicks(`http://127.0.0.1:${tracker.port}`, seed.code, 40)))
      await Promise.all(trackers.map(({ tracker }) => tracker.flush()))
    }
    const spoolIds = trackers.map(({ tracker }) => tracker.spoolId)
    await Promise.all(trackers.map((t) => t.close()))

    expect(spoolIds[0]).not.toBe(spoolIds[1])
    const all = tokens.flat()
    expect(all.length).toBeGreaterThanOrEqual(6)
    expect(new Set(all).size).toBe(all.length)
    expect(compareIds(await storedClickIds(seed.programId), answered)).toEqual({
      missing: 0,
      twice: 0,
      extra: 0,
    })
  })

  it('a copied spool directory (same id, same next segment number) still loses no click', async () => {
    // An operator clones a tracker's volume: both copies now share the spool id and the numbering.
    const original = mkdtempSync(join(tmpdir(), 'tandem-spool-original-'))
    const copy = `${original}-copy`
    dirs.push(original, copy)
    await Spool.open({ dir: original, durability: 'write', sealIntervalMs: 60_000 }).close()
    cpSync(original, copy, { recursive: true })

    const programId = (await seedProgram(stores.db)).programId
    const written: string[] = []
    for (const [n, dir] of [original, copy].entries()) {
      const spool = Spool.open({ dir, durability: 'write', sealIntervalMs: 60_000 })
      for (let i = 0; i < 50; i++) {
        const clickId = `copy-${n}-${i}`
        written.push(clickId)
        spool.append(
          'clicks',
          JSON.stringify({
            event_id: crypto.randomUUID(),
            ts: Date.now(),
            click_id: clickId,
            program_id: programId,
          }),
        )
      }
      await spool.seal()
      const sender = new Sender({ spool, inserter: clickHouseInserter(stores.ch) })
      expect(await sender.drain(30_000)).toBe(true)
      await spool.close()
    }
    expect(compareIds(await storedClickIds(programId), written)).toEqual({ missing: 0, twice: 0, extra: 0 })
  })
})
