import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, get } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { eventually } from './flaky-inserter.ts'

const appDir = fileURLToPath(new URL('..', import.meta.url))
// node itself with tsx as a loader (not the tsx CLI, which runs the script in a grandchild that a
// SIGKILL of the CLI would leave running).
const node = (args: string[]) => [process.execPath, ['--import', 'tsx', ...args]] as const
const dataDir = mkdtempSync(join(tmpdir(), 'tandem-crash-'))
const children: ChildProcess[] = []

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

/** The child's environment: embedded mode in its own data directory, whatever the test runner has. */
function childEnv(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TANDEM_DATA_DIR: dataDir, TRACKER_PORT: String(port) }
  delete env.DATABASE_URL
  delete env.CLICKHOUSE_URL
  delete env.TANDEM_SECRET
  env.TRACKER_HOST = '127.0.0.1'
  env.TRACKER_FLUSH_MS = '100'
  return env
}

function run(script: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const [cmd, argv] = node([script, ...args])
    const child = spawn(cmd, argv, { cwd: appDir, env: childEnv(0), stdio: ['ignore', 'pipe', 'pipe'] })
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

function startTracker(port: number): ChildProcess {
  const [cmd, argv] = node(['src/main.ts'])
  const child = spawn(cmd, argv, { cwd: appDir, env: childEnv(port), stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.resume()
  child.stderr?.resume()
  children.push(child)
  return child
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

describe('tracker killed with SIGKILL in the middle of a load', () => {
  it('after a restart, ClickHouse holds every click that was answered with a 302, once', async () => {
    const seed = JSON.parse((await run('test/child/seed.ts')).trim()) as { code: string; programId: string }
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const first = startTracker(port)
    await eventually(async () => (await health(base)) !== null, 100)

    // Load: 16 keep-alive connections, each sending clicks one after the other, each with its own sub1.
    const agent = new Agent({ keepAlive: true, maxSockets: 16 })
    const answered = new Set<string>()
    const unanswered = new Set<string>()
    let next = 0
    let killed = false
    const clickOnce = (id: string) =>
      new Promise<boolean>((resolve) => {
        const req = get(`${base}/r/${seed.code}?sub1=${id}`, { agent }, (res) => {
          res.resume()
          res.on('end', () => {
            if (res.statusCode === 302) answered.add(id)
            else unanswered.add(id)
            resolve(true)
          })
          res.on('error', () => {
            unanswered.add(id)
            resolve(false)
          })
        })
        req.on('error', () => {
          unanswered.add(id)
          resolve(false)
        })
      })
    const loops = Array.from({ length: 16 }, async () => {
      while (!killed || answered.size === 0) {
        if (!(await clickOnce(`c${next++}`))) return
      }
    })
    await eventually(() => answered.size >= 3_000, 5)
    first.kill('SIGKILL')
    killed = true
    await Promise.all(loops)
    agent.destroy()
    await new Promise((resolve) => first.once('exit', resolve))

    // Restart on the same data directory: the spool left behind is repaired and replayed.
    const second = startTracker(port)
    await eventually(async () => {
      const h = await health(base)
      return h !== null && h.spool.pending_bytes === 0 && h.spool.sealed_segments === 0
    }, 100)
    second.kill('SIGTERM')
    const exitCode = await new Promise((resolve) => second.once('exit', resolve))
    expect(exitCode).toBe(0)

    const stored = JSON.parse((await run('test/child/count.ts', [seed.programId])).trim()) as {
      count: number
      unique: number
      subs: string[]
    }
    const inClickHouse = new Set(stored.subs)
    expect(stored.count).toBe(stored.unique) // no click twice
    expect(stored.count).toBe(inClickHouse.size)
    for (const id of answered) expect(inClickHouse.has(id), `answered click ${id} is missing`).toBe(true)
    // A click can be in ClickHouse without its 302 only if the kill fell between the spool write
    // and the socket write of a request in flight at that instant (the click is written first).
    const extra = [...inClickHouse].filter((id) => !answered.has(id))
    for (const id of extra) expect(unanswered.has(id), `click ${id} was never sent`).toBe(true)
    expect(extra.length).toBeLessThanOrEqual(16)
    expect(stored.count).toBe(answered.size + extra.length)
  })
})
