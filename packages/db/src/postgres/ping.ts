import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.ts'

/** One round trip to Postgres (health checks): resolves when the database answers, else throws. */
export async function pingPostgres(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db)
}
