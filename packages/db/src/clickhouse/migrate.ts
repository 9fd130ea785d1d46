import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ClickHouseClient } from '@clickhouse/client'

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url))

/** Numbered SQL files in migrations/, in order. Forward-only: append, never edit a shipped one. */
export function clickhouseMigrationFiles(): { version: number; name: string; statements: string[] }[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{4}-.+\.sql$/.test(f))
    .sort()
    .map((name) => ({
      version: Number(name.slice(0, 4)),
      name,
      statements: readFileSync(migrationsDir + name, 'utf8')
        .split(/;\s*(?:\n|$)/)
        .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
        .filter((s) => s.length > 0),
    }))
}

/** Applies the migrations not yet recorded in schema_migrations; returns the names applied. */
export async function migrateClickHouse(ch: ClickHouseClient): Promise<string[]> {
  await ch.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations
      (version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
      ENGINE = MergeTree ORDER BY version`,
  })
  const done = await ch.query({ query: 'SELECT version FROM schema_migrations', format: 'JSONEachRow' })
  const applied = new Set((await done.json<{ version: number }>()).map((r) => Number(r.version)))
  const ran: string[] = []
  for (const m of clickhouseMigrationFiles()) {
    if (applied.has(m.version)) continue
    for (const statement of m.statements) await ch.command({ query: statement })
    await ch.insert({
      table: 'schema_migrations',
      values: [{ version: m.version, name: m.name }],
      format: 'JSONEachRow',
    })
    ran.push(m.name)
  }
  return ran
}
