import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'
import type { DemoDataset, PostgresTableName } from './dataset.ts'

const CHUNK = 500
// Any constant works: concurrent seeders of the same database wait for each other on it.
const SEED_LOCK = 0x7a6d_5eed

/**
 * Writes the Postgres part in one transaction (all or nothing), in multi-row inserts of 500,
 * and commits only once `beforeCommit` resolved (it rolls back if that rejects).
 * Returns false, writing nothing, when another seeder got there first.
 */
export async function writePostgres(
  db: Kysely<Database>,
  data: DemoDataset,
  log: (line: string) => void,
  beforeCommit: () => Promise<void> = async () => {},
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(SEED_LOCK)})`.execute(trx)
    const existing = await trx.selectFrom('programs').select('id').limit(1).executeTakeFirst()
    if (existing) return false
    for (const table of Object.keys(data.postgres) as PostgresTableName[]) {
      const rows = data.postgres[table]
      for (let i = 0; i < rows.length; i += CHUNK) {
        // The dataset's row types are the table's Insertable; Kysely cannot relate a union of tables.
        await trx
          .insertInto(table)
          .values(rows.slice(i, i + CHUNK) as never)
          .execute()
      }
      if (rows.length > 0) log(`postgres ${table} ${rows.length}`)
    }
    // Links carry explicit ids (they are inside click ids): move the identity past them.
    await sql`select setval(pg_get_serial_sequence('links', 'id'), coalesce((select max(id) from links), 0) + 1, false)`.execute(
      trx,
    )
    await beforeCommit()
    return true
  })
}
