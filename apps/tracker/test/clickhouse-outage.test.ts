import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emptyEventRow } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clickHouseInserter } from '../src/spool/inserter.ts'
import { Sender } from '../src/spool/sender.ts'
import { Spool } from '../src/spool/spool.ts'
import { eventually, FlakyInserter } from './flaky-inserter.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
const dirs: string[] = []

beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

async function scalar(query: string, programId: string): Promise<number> {
  const result = await stores.ch.query({ query, query_params: { p: programId }, format: 'JSONEachRow' })
  const [row] = await result.json<{ v: string | number }>()
  return Number(row?.v ?? 0)
}

function clickRow(programId: string, i: number) {
  return {
    event_id: randomUUID(),
    ts: Date.now(),
    click_id: `click-${i}`,
    program_id: programId,
    partner_id: programId,
    link_id: 1 + (i % 7),
    is_unique: 1,
    is_bot: 0,
  }
}

// The tracker inserts into chDB through its raw insert; exec is the path to a ClickHouse server.
describe.each([
  ['chDB raw insert', { embedded: true }],
  ['exec', { embedded: false }],
])('ClickHouse outage under load (%s)', (_path, inserterOptions) => {
  it('delivers all N events after ClickHouse recovers, none twice (raw tables and rollups)', async () => {
    const N_CLICKS = 20_000
    const N_EVENTS = 2_000
    const programId = randomUUID()
    const dir = mkdtempSync(join(tmpdir(), 'tandem-outage-'))
    dirs.push(dir)
    const flaky = new FlakyInserter(clickHouseInserter(stores.ch, inserterOptions))
    let sender: Sender | null = null
    const spool = Spool.open({
      dir,
      durability: 'write',
      sealIntervalMs: 50,
      onSealed: () => sender?.notify(),
    })
    sender = new Sender({ spool, inserter: flaky, retryInitialMs: 5, retryMaxMs: 50, batchRows: 1_500 })

    // ClickHouse is down while the load arrives.
    flaky.mode = 'down'
    sender.start()
    for (let i = 0; i < N_CLICKS; i++) {
      spool.append('clicks', JSON.stringify(clickRow(programId, i)))
      if (i % 10 === 0 && i / 10 < N_EVENTS) {
        const row = {
          ...emptyEventRow(),
          event_id: randomUUID(),
          ts: Date.now(),
          type: 'impression',
          program_id: programId,
        }
        spool.append('events', JSON.stringify(row))
      }
      if (i % 1_000 === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await eventually(() => flaky.failures >= 10)

    // It comes back flaky: batches are stored but the acknowledgement is lost, so they are retried.
    flaky.mode = 'ack-lost'
    const failuresBefore = flaky.failures
    await eventually(() => flaky.failures >= failuresBefore + 5)

    // Then healthy: everything drains.
    flaky.mode = 'up'
    await spool.seal()
    await eventually(() => spool.sealedSegments().length === 0)
    await sender.close()
    await spool.close()

    const clicks = `SELECT count() AS v FROM clicks WHERE program_id = {p:UUID}`
    const uniqueClicks = `SELECT uniqExact(event_id) AS v FROM clicks WHERE program_id = {p:UUID}`
    expect(await scalar(clicks, programId)).toBe(N_CLICKS)
    expect(await scalar(uniqueClicks, programId)).toBe(N_CLICKS)
    expect(
      await scalar(`SELECT sum(clicks) AS v FROM clicks_daily_v1 WHERE program_id = {p:UUID}`, programId),
    ).toBe(N_CLICKS)
    expect(await scalar(`SELECT count() AS v FROM events WHERE program_id = {p:UUID}`, programId)).toBe(
      N_EVENTS,
    )
    expect(
      await scalar(`SELECT uniqExact(event_id) AS v FROM events WHERE program_id = {p:UUID}`, programId),
    ).toBe(N_EVENTS)
    expect(
      await scalar(`SELECT sum(events) AS v FROM events_daily_v1 WHERE program_id = {p:UUID}`, programId),
    ).toBe(N_EVENTS)
  })

  it('moves a segment ClickHouse refuses as data aside instead of retrying it forever', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-poison-'))
    dirs.push(dir)
    const spool = Spool.open({ dir, durability: 'write', sealIntervalMs: 60_000 })
    const sender = new Sender({
      spool,
      inserter: clickHouseInserter(stores.ch, inserterOptions),
      retryInitialMs: 1,
      retryMaxMs: 5,
    })
    spool.append('clicks', JSON.stringify({ event_id: 'not-a-uuid', ts: 'not a time' }))
    await spool.seal()
    expect(await sender.drain(60_000)).toBe(true)
    expect(spool.sealedSegments()).toHaveLength(0)
    await sender.close()
    await spool.close()
  })
})
