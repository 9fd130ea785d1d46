import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { PostgresTarget } from '../config.ts'
import type { Database } from './schema.ts'

const INT8_OID = 20

/** int8 (money, counts) as a JS number; refuses values a number cannot hold exactly. */
function parseInt8(value: string): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} is outside the safe integer range`)
  return n
}

export interface PostgresHandle {
  db: Kysely<Database>
  /** The embedded engine, when there is one (tests use it to snapshot and clone databases). */
  pglite: PGlite | null
  /** A server URL, when there is one (LISTEN/NOTIFY needs its own connection). */
  url: string | null
}

/** Opens Postgres: PGlite in a directory (or in memory with dir 'memory://') or a server through pg. */
export async function openPostgres(target: PostgresTarget): Promise<PostgresHandle> {
  if (target.kind === 'server') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID
            ? parseInt8
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    })
    // An idle pooled connection the server closes (restart, failover, DROP DATABASE … FORCE) must
    // not crash the process: the pool drops it and the next query opens a new one.
    pool.on('error', (error: Error & { code?: string }) => {
      if (error.code !== '57P01') console.warn(`postgres: idle connection error: ${error.message}`)
    })
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      pglite: null,
      url: target.url,
    }
  }
  if (!target.dir.startsWith('memory://')) mkdirSync(target.dir, { recursive: true })
  const pglite = await PGlite.create(target.dir, { parsers: { [INT8_OID]: parseInt8 } })
  return { db: new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) }), pglite, url: null }
}
