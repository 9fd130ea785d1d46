import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, get } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { eventually } from './flaky-inserter.ts'

const appDir = fileURLToPath(new URL('..', import.meta.url))

/**
 * An embedded data directory (PGlite + chDB + spool) used the way an operator uses one: the real
 * tracker (`src/main.ts`) started on it as a child process, stopped with SIGTERM or killed with
 * SIGKILL, started again. chDB and PGlite belong to one process at a time, so seeding and counting
 * run in short child processes too.
 */
export class TrackerDataDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'tandem-restart-'))
  private readonly children: ChildProcess[] = []

  /** Kills whatever is still running and removes the directory. */
  dispose(): void {
    for (const child of this.children) if (child.exitCode === null) child.kill('SIGKILL')
    rmSync(this.dir, { recursive: true, force: true })
  }

  /** One program with a link, in this directory's Postgres. */
  async seed(): Promise<{ code: string; programId: string }> {
    return JSON.parse((await this.run('test/child/seed.ts')).trim())
  }

  /** The click ids (tclid) ClickHouse holds for the program, with duplicates. */
  async storedClickIds(programId: string): Promise<string[]> {
    const out = JSON.parse((await this.run('test/child/count.ts', [programId])).trim()) as {
      clickIds: string[]
    }
    return out.clickIds
  }

  /** Starts the tracker on a free port and waits until it answers /healthz. */
  async start(): Promise<RunningChild> {
    const port = await freePort()
    const [cmd, argv] = nodeWithTsx(['src/main.ts'])
    const child = spawn(cmd, argv, { cwd: appDir, env: this.env(port), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout?.on('data', (d: Buffer) => {
      output += d
    })
    child.stderr?.on('data', (d: Buffer) => {
      output += d
    })
    this.children.push(child)
    const base = `http://127.0.0.1:${port}`
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`tracker exited ${child.exitCode}: ${output}`)
      return (await health(base)) !== null
    }, 100)
    return {
      base,
      output: () => output,
      /** Waits until every event was sent to ClickHouse (nothing pending or sealed in the spool). */
      drained: () =>
        eventually(async () => {
          const h = await health(base)
          return h !== null && h.spool.pending_bytes === 0 && h.spool.sealed_segments === 0
        }, 100),
      stop: async () => {
        child.kill('SIGTERM')
        const code = await exited
        if (code !== 0) throw new Error(`tracker exited ${code} on SIGTERM: ${output}`)
      },
      kill: async () => {
        child.kill('SIGKILL')
        await exited
      },
    }
  }

  private run(script: string, args: string[] = []): Promise<string> {
    return new Promise((resolve, reject) => {
      const [cmd, argv] = nodeWithTsx([script, ...args])
      const child = spawn(cmd, argv, { cwd: appDir, env: this.env(0), stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d
      })
      child.stderr.on('data', (d: Buffer) => {
        err += d
      })
      child.on('exit', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}: ${err}`)),
      )
    })
  }

  /** Embedded mode in this directory, whatever the test runner's environment says. */
  private env(port: number): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, TANDEM_DATA_DIR: this.dir, TRACKER_PORT: String(port) }
    delete env.DATABASE_URL
    delete env.CLICKHOUSE_URL
    delete env.TANDEM_SECRET
    env.TRACKER_HOST = '127.0.0.1'
    env.TRACKER_FLUSH_MS = '100'
    return env
  }
}

export interface RunningChild {
  base: string
  output(): string
  drained(): Promise<void>
  stop(): Promise<void>
  kill(): Promise<void>
}

/** The outcome of a click load: the click id of every 302, and the requests that got no answer. */
export interface ClickLoad {
  /** Click ids (tclid of the Location header) of the clicks answered with a 302. */
  answered: string[]
  /** Requests that failed (connection reset by a kill) or were answered otherwise. */
  unanswered: number
}

/**
 * Sends clicks over `connections` keep-alive connections, one after another on each, until
 * `until()` says stop (checked between clicks) or a request fails; returns what was answered.
 */
export async function clickLoad(
  base: string,
  code: string,
  options: { connections: number; until: (answered: number) => boolean },
): Promise<ClickLoad> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections })
  const answered: string[] = []
  let unanswered = 0
  let next = 0
  const clickOnce = () =>
    new Promise<boolean>((resolve) => {
      const fail = () => {
        unanswered++
        resolve(false)
      }
      const req = get(`${base}/r/${code}?sub1=c${next++}`, { agent }, (res) => {
        res.resume()
        res.on('error', fail)
        res.on('end', () => {
          const tclid = new URL(res.headers.location ?? 'http://x/').searchParams.get('tclid')
          if (res.statusCode === 302 && tclid) answered.push(tclid)
          else unanswered++
          resolve(true)
        })
      })
      req.on('error', fail)
    })
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (!options.until(answered.length)) if (!(await clickOnce())) return
    }),
  )
  agent.destroy()
  return { answered, unanswered }
}

/** Sends exactly `n` clicks (sequentially over a few connections) and returns their click ids. */
export async function sendClicks(base: string, code: string, n: number): Promise<string[]> {
  let started = 0
  const load = await clickLoad(base, code, { connections: 4, until: () => started++ >= n })
  if (load.answered.length !== n) throw new Error(`${n} clicks sent, ${load.answered.length} answered`)
  return load.answered
}

/** Every id of `expected` exactly once in `stored`, and nothing else. */
export function compareIds(
  stored: string[],
  expected: string[],
): { missing: number; twice: number; extra: number } {
  const counts = new Map<string, number>()
  for (const id of stored) counts.set(id, (counts.get(id) ?? 0) + 1)
  const want = new Set(expected)
  let missing = 0
  for (const id of want) if (!counts.has(id)) missing++
  let twice = 0
  let extra = 0
  for (const [id, n] of counts) {
    if (n > 1) twice++
    if (!want.has(id)) extra++
  }
  return { missing, twice, extra }
}

function nodeWithTsx(args: string[]): [string, string[]] {
  // node itself with tsx as a loader (not the tsx CLI, which runs the script in a grandchild that a
  // SIGKILL of the CLI would leave running).
  return [process.execPath, ['--import', 'tsx', ...args]]
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function health(
  base: string,
): Promise<{ spool: { pending_bytes: number; sealed_segments: number } } | null> {
  try {
    const res = await fetch(`${base}/healthz`)
    return res.ok
      ? ((await res.json()) as { spool: { pending_bytes: number; sealed_segments: number } })
      : null
  } catch {
    return null
  }
}
