import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Database } from '@tandem/db'
import type { Kysely } from 'kysely'

const appDir = fileURLToPath(new URL('..', import.meta.url))

/** A program row for the test (fixture: straight through Kysely). */
export async function seedProgram(db: Kysely<Database>, opts: { holdDays?: number } = {}) {
  const tag = randomBytes(4).toString('hex')
  return db
    .insertInto('programs')
    .values({
      slug: `worker-${tag}`,
      name: `Worker ${tag}`,
      kind: 'affiliate',
      currency: 'EUR',
      hold_days: opts.holdDays ?? 30,
      attribution: JSON.stringify({ model: 'last_click' }),
      rewards: null,
      fraud: JSON.stringify({}),
      default_landing_url: 'https://shop.example/',
      postback_token: `tok_${tag}${randomBytes(8).toString('hex')}`,
      postback_hmac_secret: randomBytes(16).toString('hex'),
      updated_at: new Date(),
    })
    .returning(['id', 'slug', 'postback_token'])
    .executeTakeFirstOrThrow()
}

export interface Received {
  id: string
  headers: IncomingHttpHeaders
  status: number | null
}

/** A real receiver on 127.0.0.1; `answer` returns a status, or null to leave the request hanging. */
export async function startReceiver(answer: (id: string, seen: readonly Received[]) => number | null) {
  const received: Received[] = []
  const hanging: ServerResponse[] = []
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const id = String(req.headers['webhook-id'])
      const status = answer(id, received)
      received.push({ id, headers: req.headers, status })
      if (status === null) hanging.push(res)
      else res.writeHead(status).end(status < 300 ? 'ok' : 'nope')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface WorkerProcess {
  child: ChildProcess
  output(): string
  exited: Promise<number | null>
}

/** The real worker (`src/main.ts`) as a child process: node with tsx as a loader, so SIGKILL hits it. */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: appDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => {
    out += d
  })
  child.stderr?.on('data', (d: Buffer) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, output: () => out, exited }
}

/** Polls `check` until it returns true (bounded, not a timing assertion). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 100))
  }
}
