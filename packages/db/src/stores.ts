import type { ClickHouseClient } from '@clickhouse/client'
import type { PGlite } from '@electric-sql/pglite'
import type { Kysely } from 'kysely'
import { migrateClickHouse } from './clickhouse/migrate.ts'
import { openClickHouse } from './clickhouse/open.ts'
import type { StoreSelection } from './config.ts'
import { migratePostgres } from './postgres/migrate.ts'
import { openPostgres } from './postgres/open.ts'
import type { Database } from './postgres/schema.ts'

export interface Stores {
  db: Kysely<Database>
  ch: ClickHouseClient
  /** Set in embedded mode only. */
  pglite: PGlite | null
  /** Set when Postgres is a server (LISTEN/NOTIFY opens its own connection to it). */
  databaseUrl: string | null
  selection: StoreSelection
  close(): Promise<void>
}

/** Opens both stores for either mode and runs pending migrations on each (house rule 7). */
export async function openStores(
  selection: StoreSelection,
  opts: { migrate?: boolean } = {},
): Promise<Stores> {
  const pg = await openPostgres(selection.postgres)
  const ch = openClickHouse(selection.clickhouse)
  try {
    if (opts.migrate !== false) {
      await migratePostgres(pg.db)
      await migrateClickHouse(ch)
    }
  } catch (error) {
    await Promise.allSettled([pg.db.destroy(), ch.close()])
    throw error
  }
  return {
    db: pg.db,
    ch,
    pglite: pg.pglite,
    databaseUrl: pg.url,
    selection,
    close: async () => {
      await Promise.allSettled([pg.db.destroy(), ch.close()])
    },
  }
}
