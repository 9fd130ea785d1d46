import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { type CpuProfile, summarizeProfile } from './cpu-profile.ts'

/**
 * pnpm bench:tracker — the tracker's click path against a bare node:http baseline, on this machine.
 *
 * Four processes: the baseline server, the tracker with its sender idle (embedded stores, one
 * cached link), the tracker with its sender inserting into chDB in the same process, and this one,
 * the load generator (autocannon). The servers take turns under the same load (connections,
 * duration), in a different order each round; the medians are compared, with each server's CPU
 * time per request (main thread, and whole process). Then the tracker's latency at half the
 * baseline's rate; then sustained ingest into chDB (20,000 clicks/s for 60 s: count() =
 * uniqExact(click_id) = 302s answered) and how fast a backlog drains after an outage.
 * The last line is `tracker/baseline throughput: R` (sender idle).
 */
// `pnpm … bench -- --duration 5` passes the `--` on: options start after it.
const argv = process.argv.slice(2)
const { values: args } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    'ingest-rate': { type: 'string', default: '20000' },
    'ingest-seconds': { type: 'string', default: '60' },
    'outage-seconds': { type: 'string', default: '30' },
    'skip-ingest': { type: 'boolean', default: false },
    'only-ingest': { type: 'boolean', default: false },
    /** Profile the tracker (sender idle) for one more run and print where its main thread's time goes. */
    'cpu-profile': { type: 'boolean', default: false },
  },
})
const connections = Number(args.connections)
const duration = Number(args.duration)
const rounds = Number(args.rounds)

interface LoadResult {
  /** CPU time (user + system) of the server's main thread per request, in microseconds (Linux). */
  cpuUs: number | null
  /** The same for the whole server process, every thread (chDB's, the sender's worker). */
  processCpuUs: number | null
  rps: number
  p50: number
  p99: number
  count302: number
  errors: number
}
type Autocannon = (options: Record<string, unknown>) => Promise<{
  requests: { average: number; total: number }
  latency: { p50: number; p99: number }
  statusCodeStats: Record<string, { count: number }>
  errors: number
  timeouts: number
  duration: number
}>
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

const appDir = fileURLToPath(new URL('..', import.meta.url))
const log = (line = '') => process.stdout.write(`${line}\n`)

/**
 * One autocannon run: for a duration, or (amount) exactly that many requests, so that every
 * request sent is answered and counted (a duration-bound run drops the answers still in flight).
 */
async function load(
  url: string,
  options: { seconds: number; rate?: number; amount?: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections,
    pipelining: 1,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    ...(options.rate ? { overallRate: options.rate } : {}),
  })
  return {
    cpuUs: null,
    processCpuUs: null,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    count302: Number(result.statusCodeStats['302']?.count ?? 0),
    errors: result.errors + result.timeouts,
  }
}

interface Server {
  proc: ChildProcess
  info: Record<string, unknown>
  command(line: string): Promise<Record<string, unknown>>
  stop(): Promise<void>
}

/** Starts a server script (node + tsx loader) and reads its first stdout line as JSON. */
async function startServer(script: string, argv: string[], env: Record<string, string>): Promise<Server> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...argv], {
    cwd: appDir,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines: Interface = createInterface({ input: proc.stdout! })
  const queue: ((line: string) => void)[] = []
  lines.on('line', (line) => queue.shift()?.(line))
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) => queue.push((line) => resolve(JSON.parse(line))))
  const info = await next()
  return {
    proc,
    info,
    command: (line) => {
      const reply = next()
      proc.stdin!.write(`${line}\n`)
      return reply
    },
    stop: async () => {
      const exited = new Promise((resolve) => proc.once('exit', resolve))
      if (proc.stdin?.writable) proc.stdin.write('quit\n')
      proc.kill('SIGTERM')
      await exited
    },
  }
}

/**
 * utime + stime of a process's main thread (or, `wholeProcess`, of all its threads), in seconds
 * (Linux /proc; null elsewhere).
 */
function cpuSeconds(pid: number | undefined, wholeProcess = false): number | null {
  try {
    const stat = readFileSync(wholeProcess ? `/proc/${pid}/stat` : `/proc/${pid}/task/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

async function measured(
  server: Server,
  url: string,
  options: { seconds: number; rate?: number },
): Promise<LoadResult> {
  const before = [cpuSeconds(server.proc.pid), cpuSeconds(server.proc.pid, true)]
  const result = await load(url, options)
  const after = [cpuSeconds(server.proc.pid), cpuSeconds(server.proc.pid, true)]
  const requests = result.rps * options.seconds
  const perRequest = (i: number) => {
    const [b, a] = [before[i], after[i]]
    return b !== null && b !== undefined && a !== null && a !== undefined ? ((a - b) * 1e6) / requests : null
  }
  return { ...result, cpuUs: perRequest(0), processCpuUs: perRequest(1) }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const cpuText = (us: number | null) => (us === null ? 'n/a' : fmt(us, 1))

const SERVERS = ['baseline', 'tracker', 'tracker+send'] as const
type ServerName = (typeof SERVERS)[number]

/** A CPU profile of the tracker's main thread under full load, summarized (--cpu-profile). */
async function profile(tracker: Server, url: string, dir: string): Promise<void> {
  const file = join(dir, 'tracker.cpuprofile')
  await tracker.command('profile start')
  const r = await load(url, { seconds: duration })
  await tracker.command(`profile stop ${file}`)
  log()
  log(`CPU profile of the tracker (sender idle), ${fmt(r.rps)} req/s for ${duration} s:`)
  for (const line of summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)) log(line)
}

async function main(): Promise<void> {
  const dirs: string[] = []
  const tempDir = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), `tandem-bench-${name}-`))
    dirs.push(dir)
    return dir
  }
  if (args['only-ingest']) {
    await ingest(tempDir('ingest'))
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
    return
  }
  log(
    `Tracker benchmark: ${connections} connections, ${duration} s per run, ${rounds} rounds, autocannon in its own process`,
  )
  const baseline = await startServer('bench/baseline-server.ts', [], {})
  const tracker = await startServer('bench/tracker-server.ts', [tempDir('click')], { BENCH_SEND: '0' })
  const sending = await startServer('bench/tracker-server.ts', [tempDir('send')], { BENCH_SEND: '1' })
  const targets: Record<ServerName, { server: Server; url: string }> = {
    baseline: { server: baseline, url: `http://127.0.0.1:${baseline.info.port}/r/bench-link` },
    tracker: { server: tracker, url: `http://127.0.0.1:${tracker.info.port}/r/${tracker.info.code}` },
    'tracker+send': { server: sending, url: `http://127.0.0.1:${sending.info.port}/r/${sending.info.code}` },
  }
  let ratio = 0
  try {
    // Warm-up (JIT, sockets), not counted.
    for (const name of SERVERS) await load(targets[name].url, { seconds: 3 })
    const results: Record<ServerName, LoadResult[]> = { baseline: [], tracker: [], 'tracker+send': [] }
    log()
    log('"tracker+send": the tracker with its sender inserting into chDB in the same process')
    log('run  server           req/s   p50 ms  p99 ms  CPU µs/request: main thread  process')
    for (let round = 1; round <= rounds; round++) {
      // A different order each round: no server always runs first, or right after the same one.
      const rotated = [...SERVERS.slice(round % 3), ...SERVERS.slice(0, round % 3)]
      const order = round % 2 === 1 ? rotated : rotated.reverse()
      for (const name of order) {
        const r = await measured(targets[name].server, targets[name].url, { seconds: duration })
        results[name].push(r)
        log(
          `${String(round).padEnd(4)} ${name.padEnd(13)} ${fmt(r.rps).padStart(8)}  ${fmt(r.p50, 1).padStart(6)}  ${fmt(r.p99, 1).padStart(6)}  ${cpuText(r.cpuUs).padStart(27)}  ${cpuText(r.processCpuUs).padStart(7)}`,
        )
      }
    }
    const summary = (rs: LoadResult[]) => ({
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      cpu: rs.some((r) => r.cpuUs === null) ? null : median(rs.map((r) => r.cpuUs ?? 0)),
      processCpu: rs.some((r) => r.processCpuUs === null) ? null : median(rs.map((r) => r.processCpuUs ?? 0)),
    })
    const cpu = (main: number | null, all: number | null) =>
      main === null ? '' : `  CPU ${fmt(main, 1)} µs/request (main thread), ${cpuText(all)} µs (process)`
    const b = summary(results.baseline)
    const t = summary(results.tracker)
    const ts = summary(results['tracker+send'])
    ratio = t.rps / b.rps
    log()
    for (const [name, m] of [
      ['baseline', b],
      ['tracker', t],
      ['tracker+send', ts],
    ] as const) {
      log(
        `median    ${name.padEnd(13)} ${fmt(m.rps).padStart(8)} req/s  p50 ${fmt(m.p50, 1)} ms  p99 ${fmt(m.p99, 1)} ms${cpu(m.cpu, m.processCpu)}`,
      )
    }
    if (b.cpu !== null && t.cpu !== null) {
      log(
        `CPU per click (main thread): tracker ${fmt(t.cpu, 1)} µs, baseline ${fmt(b.cpu, 1)} µs (ratio ${(b.cpu / t.cpu).toFixed(2)})`,
      )
    }
    log(`tracker/baseline throughput with the sender inserting into chDB: ${(ts.rps / b.rps).toFixed(2)}`)
    const sent = await sending.command('flush')
    if (!sent.flushed)
      log('  (the sending tracker did not deliver its spool to chDB within the flush timeout)')

    const half = Math.round(b.rps / 2)
    const h = await load(targets.tracker.url, { seconds: duration, rate: half })
    log(
      `tracker at half the baseline rate (${fmt(half)} req/s offered): ${fmt(h.rps)} req/s, p50 ${fmt(h.p50, 1)} ms, p99 ${fmt(h.p99, 1)} ms (target p99 < 5 ms: ${h.p99 < 5 ? 'met' : 'NOT met'})`,
    )
    if (args['cpu-profile']) await profile(tracker, targets.tracker.url, tempDir('profile'))
  } finally {
    await Promise.all([baseline.stop(), tracker.stop(), sending.stop()])
  }

  if (!args['skip-ingest']) await ingest(tempDir('ingest'))
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  log()
  log(`tracker/baseline throughput: ${ratio.toFixed(2)}`)
}

/** count() = uniqExact(click_id) = uniqExact(event_id) = the 302s answered. */
const exact = (counted: Record<string, unknown>, answered: number) =>
  [counted.count, counted.clickIds, counted.unique].every((n) => Number(n) === answered)
    ? 'exact'
    : 'MISMATCH'

/** Sustained ingest into chDB (sender on, in this process tree), then a backlog after an outage. */
async function ingest(dataDir: string): Promise<void> {
  const rate = Number(args['ingest-rate'])
  const seconds = Number(args['ingest-seconds'])
  const outageSeconds = Number(args['outage-seconds'])
  const server = await startServer('bench/tracker-server.ts', [dataDir], { BENCH_SEND: '1' })
  const url = `http://127.0.0.1:${server.info.port}/r/${server.info.code}`
  try {
    log()
    log(
      `Sustained ingest: ${fmt(rate)} clicks/s offered for ${seconds} s, sender on (chDB in the tracker process)`,
    )
    let maxPending = 0
    const sampler = setInterval(async () => {
      const s = await server.command('stats')
      maxPending = Math.max(maxPending, Number(s.pending_bytes))
    }, 2_000)
    await server.command('loop')
    const sustained = await load(url, { seconds, rate, amount: rate * seconds })
    clearInterval(sampler)
    const loop = await server.command('loop')
    const flushStart = performance.now()
    await server.command('flush')
    const flushMs = performance.now() - flushStart
    const counted = await server.command('count')
    const warmup = 1 // the cache-warming click, answered 302 too
    const expected = sustained.count302 + warmup
    log(
      `  ${fmt(sustained.count302)} clicks answered 302 (${fmt(sustained.rps)} req/s, p50 ${fmt(sustained.p50, 1)} ms, p99 ${fmt(sustained.p99, 1)} ms, ${sustained.errors} errors); tracker event-loop delay p99 ${fmt(Number(loop.p99), 1)} ms, max ${fmt(Number(loop.max), 1)} ms (longest GC pause ${fmt(Number(loop.gcMax), 1)} ms)`,
    )
    log(
      `  spool never above ${fmt(maxPending / 1e6, 1)} MB; the last events were in chDB ${fmt(flushMs)} ms after the load ended`,
    )
    log(
      `  chDB: count() = ${fmt(Number(counted.count))}, uniqExact(click_id) = ${fmt(Number(counted.clickIds))}, uniqExact(event_id) = ${fmt(Number(counted.unique))}, 302s answered = ${fmt(expected)} (${fmt(sustained.count302)} + the warm-up click): ${exact(counted, expected)}`,
    )

    log(`Backlog: ClickHouse "down" for ${outageSeconds} s under ${fmt(rate)} clicks/s, then up`)
    await server.command('outage on')
    const during = await load(url, { seconds: outageSeconds, rate, amount: rate * outageSeconds })
    const stats = await server.command('stats')
    const backlogBytes = Number(stats.pending_bytes)
    const sentBefore = Number(stats.sent_rows)
    await server.command('outage off')
    const drainStart = performance.now()
    await server.command('flush')
    const drainSeconds = (performance.now() - drainStart) / 1000
    const sentRows = Number((await server.command('stats')).sent_rows) - sentBefore
    const after = await server.command('count')
    const total = expected + during.count302
    log(
      `  ${fmt(during.count302)} clicks spooled during the outage (${fmt(backlogBytes / 1e6, 1)} MB); drained ${fmt(sentRows)} rows in ${fmt(drainSeconds, 1)} s = ${fmt(sentRows / drainSeconds)} rows/s`,
    )
    log(
      `  chDB after the outage: count() = ${fmt(Number(after.count))}, uniqExact(click_id) = ${fmt(Number(after.clickIds))}, uniqExact(event_id) = ${fmt(Number(after.unique))}, 302s answered = ${fmt(total)}: ${exact(after, total)}`,
    )
  } finally {
    await server.stop()
  }
}

await main()
