import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

/**
 * pnpm bench:tracker — the tracker's click path against a bare node:http baseline, on this machine.
 *
 * Three processes: the baseline server, the tracker (embedded stores, one cached link), and this
 * one, the load generator (autocannon). The two servers take turns under the same load
 * (connections, duration), alternating which goes first each round; the medians are compared.
 * Then the tracker's latency at half the baseline's rate; then sustained ingest into chDB
 * (10,000 clicks/s for 60 s, counts checked) and how fast a backlog drains after an outage.
 * The last line is `tracker/baseline throughput: R`.
 */
const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    'ingest-rate': { type: 'string', default: '10000' },
    'ingest-seconds': { type: 'string', default: '60' },
    'outage-seconds': { type: 'string', default: '30' },
    'skip-ingest': { type: 'boolean', default: false },
    'only-ingest': { type: 'boolean', default: false },
  },
})
const connections = Number(args.connections)
const duration = Number(args.duration)
const rounds = Number(args.rounds)

interface LoadResult {
  /** CPU time (user + system) of the server's main thread per request, in microseconds (Linux). */
  cpuUs: number | null
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

/** utime + stime of a process's main thread, in seconds (Linux /proc; null elsewhere). */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8')
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
  const before = cpuSeconds(server.proc.pid)
  const result = await load(url, options)
  const after = cpuSeconds(server.proc.pid)
  const requests = result.rps * options.seconds
  return { ...result, cpuUs: before !== null && after !== null ? ((after - before) * 1e6) / requests : null }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

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
  const baselineUrl = `http://127.0.0.1:${baseline.info.port}/r/bench-link`
  const trackerUrl = `http://127.0.0.1:${tracker.info.port}/r/${tracker.info.code}`
  let ratio = 0
  try {
    // Warm-up (JIT, sockets), not counted.
    await load(baselineUrl, { seconds: 3 })
    await load(trackerUrl, { seconds: 3 })
    const results: { baseline: LoadResult[]; tracker: LoadResult[] } = { baseline: [], tracker: [] }
    log()
    log('run  server     req/s      p50 ms  p99 ms  server CPU µs/request')
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? (['baseline', 'tracker'] as const) : (['tracker', 'baseline'] as const)
      for (const name of order) {
        const server = name === 'baseline' ? baseline : tracker
        const r = await measured(server, name === 'baseline' ? baselineUrl : trackerUrl, {
          seconds: duration,
        })
        results[name].push(r)
        const cpu = r.cpuUs === null ? 'n/a' : fmt(r.cpuUs, 1)
        log(
          `${String(round).padEnd(4)} ${name.padEnd(9)} ${fmt(r.rps).padStart(8)}  ${fmt(r.p50, 1).padStart(6)}  ${fmt(r.p99, 1).padStart(6)}  ${cpu}`,
        )
      }
    }
    const summary = (rs: LoadResult[]) => ({
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      cpu: rs.some((r) => r.cpuUs === null) ? null : median(rs.map((r) => r.cpuUs ?? 0)),
    })
    const cpu = (c: number | null) => (c === null ? '' : `  server CPU ${fmt(c, 1)} µs/request`)
    const b = summary(results.baseline)
    const t = summary(results.tracker)
    ratio = t.rps / b.rps
    log()
    log(
      `median    baseline  ${fmt(b.rps).padStart(8)} req/s  p50 ${fmt(b.p50, 1)} ms  p99 ${fmt(b.p99, 1)} ms${cpu(b.cpu)}`,
    )
    log(
      `median    tracker   ${fmt(t.rps).padStart(8)} req/s  p50 ${fmt(t.p50, 1)} ms  p99 ${fmt(t.p99, 1)} ms${cpu(t.cpu)}`,
    )

    const half = Math.round(b.rps / 2)
    const h = await load(trackerUrl, { seconds: duration, rate: half })
    log(
      `tracker at half the baseline rate (${fmt(half)} req/s offered): ${fmt(h.rps)} req/s, p50 ${fmt(h.p50, 1)} ms, p99 ${fmt(h.p99, 1)} ms (target p99 < 5 ms: ${h.p99 < 5 ? 'met' : 'NOT met'})`,
    )
  } finally {
    await Promise.all([baseline.stop(), tracker.stop()])
  }

  if (!args['skip-ingest']) await ingest(tempDir('ingest'))
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  log()
  log(`tracker/baseline throughput: ${ratio.toFixed(2)}`)
}

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
    const warmup = 1 // the cache-warming click
    const expected = sustained.count302 + warmup
    log(
      `  ${fmt(sustained.count302)} clicks answered 302 (${fmt(sustained.rps)} req/s, p50 ${fmt(sustained.p50, 1)} ms, p99 ${fmt(sustained.p99, 1)} ms, ${sustained.errors} errors); tracker event-loop delay p99 ${fmt(Number(loop.p99), 1)} ms, max ${fmt(Number(loop.max), 1)} ms (longest GC pause ${fmt(Number(loop.gcMax), 1)} ms)`,
    )
    log(
      `  spool never above ${fmt(maxPending / 1e6, 1)} MB; the last events were in chDB ${fmt(flushMs)} ms after the load ended`,
    )
    log(
      `  chDB: count() = ${fmt(Number(counted.count))}, uniqExact(event_id) = ${fmt(Number(counted.unique))}, expected ${fmt(expected)}: ${Number(counted.count) === expected && Number(counted.unique) === expected ? 'exact' : 'MISMATCH'}`,
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
      `  chDB after the outage: count() = ${fmt(Number(after.count))}, uniqExact(event_id) = ${fmt(Number(after.unique))}, expected ${fmt(total)}: ${Number(after.count) === total && Number(after.unique) === total ? 'exact' : 'MISMATCH'}`,
    )
  } finally {
    await server.stop()
  }
}

await main()
