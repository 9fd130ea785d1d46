import type { ClickHouseClient } from '@clickhouse/client'
import type { PGlite } from '@electric-sql/pglite'
import type { Kysely } from 'kysely'
import { migrateClickHouse } from './clickhouse/migrate.ts'
import { openClickHouse } from './clickhouse/open.ts'
import type { StoreSelection } from './config.ts'
import { claimDataDir } from './dir-owner.ts'
import { migratePostgres } from './postgres/migrate.ts'
import { openPostgres } from './postgres/open.ts'
import type { Database } from './postgres/schema.ts'
import { makePrivateDataDir, restrictDataDir } from './private-dir.ts'

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
  const embeddedDirs = [selection.clickhouse, selection.postgres].flatMap((t) =>
    t.kind === 'embedded' && !t.dir.startsWith('memory://') ? [t.dir] : [],
  )
  for (const dir of embeddedDirs) makePrivateDataDir(dir)
  const releases = embeddedDirs.map((dir) => claimDataDir(dir))
  const release = () => {
    for (const r of releases) r()
  }
  let ch: ClickHouseClient
  let pg: Awaited<ReturnType<typeof openPostgres>>
  try {
    ch = openClickHouse(selection.clickhouse)
    pg = await openPostgres(selection.postgres).catch(async (error: unknown) => {
      await ch.close()
      throw error
    })
  } catch (error) {
    release()
    throw error
  }
  try {
    if (opts.migrate !== false) {
      await migratePostgres(pg.db)
      await migrateClickHouse(ch)
    }
  } catch (error) {
    await Promise.allSettled([pg.db.destroy(), ch.close()])
    release()
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
      for (const dir of embeddedDirs) restrictDataDir(dir)
      release()
    },
  }
}
