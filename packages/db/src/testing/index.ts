import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { StoreSelection } from '../config.ts'
import { openStores, type Stores } from '../stores.ts'

/**
 * Stores for a test file: PGlite in memory, or — when DATABASE_URL is set — a fresh database
 * created on that Postgres server and dropped afterwards; chDB in a temporary directory.
 * chDB allows one engine per process, so tests scope their ClickHouse reads by the ids of what
 * they created (a program, a link) rather than assuming empty tables.
 */
export async function openTestStores(): Promise<Stores & { dispose(): Promise<void> }> {
  const serverUrl = testPostgresEngine() === 'server' ? process.env.DATABASE_URL : undefined
  let dropDatabase: (() => Promise<void>) | null = null
  let postgres: StoreSelection['postgres'] = { kind: 'embedded', dir: 'memory://' }
  if (serverUrl) {
    const name = `tandem_test_${randomBytes(6).toString('hex')}`
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`)
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    postgres = { kind: 'server', url: url.toString() }
    dropDatabase = () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  }
  const chDir = sharedChDir()
  const stores = await openStores({ postgres, clickhouse: { kind: 'embedded', dir: chDir } })
  return {
    ...stores,
    dispose: async () => {
      await stores.close()
      if (dropDatabase) await dropDatabase()
    },
  }
}

/**
 * Which Postgres engine this test run uses. The vitest projects in vitest.shared.ts run every
 * data-layer test file once on PGlite and, when DATABASE_URL is set, once more on that server.
 */
export function testPostgresEngine(): 'pglite' | 'server' {
  const chosen = process.env.TANDEM_TEST_POSTGRES
  if (chosen === 'pglite' || chosen === 'server') return chosen
  return process.env.DATABASE_URL ? 'server' : 'pglite'
}

let chDirForProcess: string | null = null
function sharedChDir(): string {
  if (!chDirForProcess) {
    chDirForProcess = mkdtempSync(join(tmpdir(), 'tandem-ch-test-'))
    const dir = chDirForProcess
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  }
  return chDirForProcess
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
