import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { openStores } from '@tandem/db'
import { startTracker } from '../src/server.ts'
import { clickHouseInserter, type EventInserter, type InsertBatch } from '../src/spool/inserter.ts'
import { seedProgram } from '../test/fixtures.ts'

/**
 * The benchmark's tracker: embedded stores in the data directory given as argv[2], one seeded
 * link, the full click path. Prints { port, code, programId } on stdout, then takes commands on
 * stdin (one per line, answered with one JSON line):
 *   count      clicks of the seeded program in ClickHouse (count, uniqExact(event_id), uniqExact(click_id))
 *   stats      spool bytes and sealed segments not yet sent, rows sent so far
 *   outage on  the sender's inserts fail (ClickHouse "down"); outage off: they pass again
 *   flush      seal the open segment and wait until ClickHouse has everything
 *   loop       event-loop delay percentiles since the previous 'loop' (ms)
 *   profile start / profile stop <file>   a CPU profile of this process (.cpuprofile JSON)
 * BENCH_SEND=0 keeps events in the spool (the click path alone, without chDB inserts in-process).
 */
const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: tracker-server.ts <data dir>')
const stores = await openStores({
  postgres: { kind: 'embedded', dir: `${dataDir}/pg` },
  clickhouse: { kind: 'embedded', dir: `${dataDir}/ch` },
})
const seed = await seedProgram(stores.db)

let outage = false
let sentRows = 0
const real = clickHouseInserter(stores.ch, { embedded: true })
const inserter: EventInserter = {
  async insert(batch: InsertBatch) {
    if (outage) throw new Error('bench: simulated ClickHouse outage')
    await real.insert(batch)
    sentRows += batch.rows
  },
}
const tracker = await startTracker({
  stores,
  port: 0,
  host: '127.0.0.1',
  spoolDir: `${dataDir}/spool`,
  secret: 'bench-secret-0123456789abcdefghijklmnopq',
  send: process.env.BENCH_SEND !== '0',
  durability: process.env.BENCH_DURABILITY === 'fsync' ? 'fsync' : 'write',
  ...(process.env.BENCH_FSYNC_MS ? { fsyncIntervalMs: Number(process.env.BENCH_FSYNC_MS) } : {}),
  inserter,
  log: (line) => process.stderr.write(`${line}\n`),
})
// Warm the link cache: the benchmark measures cache hits.
await fetch(`${tracker.url}/r/${seed.code}`, { redirect: 'manual' })
process.stdout.write(
  `${JSON.stringify({ port: tracker.port, code: seed.code, programId: seed.programId })}\n`,
)

const loopDelay = monitorEventLoopDelay({ resolution: 1 })
loopDelay.enable()
let gcMax = 0
let gcTotal = 0
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMax = Math.max(gcMax, entry.duration)
    gcTotal += entry.duration
  }
}).observe({ entryTypes: ['gc'] })
let profiler: Session | undefined
const reply = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)
for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim()
  if (command === 'count') {
    const result = await stores.ch.query({
      query:
        'SELECT count() AS n, uniqExact(event_id) AS u, uniqExact(click_id) AS c FROM clicks WHERE program_id = {p:UUID}',
      query_params: { p: seed.programId },
      format: 'JSONEachRow',
    })
    const [row] = await result.json<{ n: string; u: string; c: string }>()
    reply({ count: Number(row?.n), unique: Number(row?.u), clickIds: Number(row?.c) })
  } else if (command === 'stats') {
    const health = (await (await fetch(`${tracker.url}/healthz`)).json()) as { spool: Record<string, number> }
    reply({ ...health.spool, sent_rows: sentRows })
  } else if (command === 'outage on' || command === 'outage off') {
    outage = command === 'outage on'
    reply({ outage })
  } else if (command === 'flush') {
    reply({ flushed: await tracker.flush(600_000) })
  } else if (command === 'loop') {
    // Event-loop delay and GC pauses since the previous 'loop' command, in milliseconds.
    reply({
      p50: loopDelay.percentile(50) / 1e6,
      p99: loopDelay.percentile(99) / 1e6,
      max: loopDelay.max / 1e6,
      gcMax,
      gcTotal,
    })
    loopDelay.reset()
    gcMax = 0
    gcTotal = 0
  } else if (command === 'profile start') {
    profiler = new Session()
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.setSamplingInterval', { interval: 250 })
    await profiler.post('Profiler.start')
    reply({ profiling: true })
  } else if (command.startsWith('profile stop ') && profiler) {
    const { profile } = await profiler.post('Profiler.stop')
    writeFileSync(command.slice('profile stop '.length), JSON.stringify(profile))
    profiler.disconnect()
    reply({ profiling: false })
  } else if (command === 'quit') {
    break
  }
}
await tracker.close()
await stores.close()
process.exit(0)
