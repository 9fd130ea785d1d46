import type { Kysely } from 'kysely'
import { Migrator } from 'kysely/migration'
import { postgresMigrations } from './migrations/index.ts'
import type { Database } from './schema.ts'

export async function migratePostgres(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => postgresMigrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error)
    throw new Error(`Postgres migration failed: ${error instanceof Error ? error.message : String(error)}`)
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
