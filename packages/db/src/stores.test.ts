import { spawnSync } from 'node:child_process'
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clickhouseMigrationFiles, migrateClickHouse } from './clickhouse/migrate.ts'
import { migratePostgres } from './postgres/migrate.ts'
import { openTestStores } from './testing/index.ts'

describe('openStores', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  beforeAll(async () => {
    stores = await openTestStores()
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('migrates Postgres with the whole domain, once', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'`.execute(stores.db)
    const names = tables.rows.map((r) => r.table_name)
    for (const t of [
      'programs',
      'partners',
      'program_enrollments',
      'conversions',
      'commissions',
      'payout_items',
      'outbox',
      'audit_log',
    ]) {
      expect(names).toContain(t)
    }
    expect(await migratePostgres(stores.db)).toEqual([])
  })

  it('parses int8 money as a number on this Postgres engine', async () => {
    const r = await sql<{ v: number }>`select 9007199254740991::bigint as v`.execute(stores.db)
    expect(r.rows[0]?.v).toBe(Number.MAX_SAFE_INTEGER)
    await expect(sql`select 9007199254740993::bigint as v`.execute(stores.db)).rejects.toThrow(/safe integer/)
  })

  it('enforces one conversion per (program, event, order id)', async () => {
    const program = await stores.db
      .insertInto('programs')
      .values({
        slug: 'p1',
        name: 'P1',
        kind: 'affiliate',
        currency: 'EUR',
        attribution: {},
        rewards: null,
        fraud: {},
        default_landing_url: 'https://shop.example/',
        postback_token: 't',
        postback_hmac_secret: 's',
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const row = {
      program_id: program.id,
      event: 'sale',
      order_id: 'A-1',
      status: 'pending' as const,
      amount_minor: 1000,
      currency: 'EUR',
      source: 'api' as const,
      attribution: {},
      fraud_flags: [],
      sub_ids: {},
      line_items: [],
      occurred_at: new Date(),
    }
    await stores.db.insertInto('conversions').values(row).execute()
    await expect(stores.db.insertInto('conversions').values(row).execute()).rejects.toThrow()
  })

  it('migrates ClickHouse, records versions, and dedupes a retried batch by token', async () => {
    const versions = await stores.ch.query({
      query: 'SELECT version FROM schema_migrations ORDER BY version',
      format: 'JSONEachRow',
    })
    expect((await versions.json<{ version: number }>()).map((r) => Number(r.version))).toEqual(
      clickhouseMigrationFiles().map((m) => m.version),
    )
    expect(await migrateClickHouse(stores.ch)).toEqual([])
    const program = crypto.randomUUID()
    const rows = [1, 2, 3].map((i) => ({
      event_id: crypto.randomUUID(),
      ts: Date.now(),
      click_id: `c${i}`,
      program_id: program,
      partner_id: crypto.randomUUID(),
      link_id: i,
      is_unique: 1,
      is_bot: 0,
    }))
    const settings = { insert_deduplication_token: `batch-${program}` }
    await stores.ch.insert({
      table: 'clicks',
      values: rows,
      format: 'JSONEachRow',
      clickhouse_settings: settings,
    })
    await stores.ch.insert({
      table: 'clicks',
      values: rows,
      format: 'JSONEachRow',
      clickhouse_settings: settings,
    })
    const count = await stores.ch.query({
      query: 'SELECT count() AS c FROM clicks WHERE program_id = {p:UUID}',
      query_params: { p: program },
      format: 'JSONEachRow',
    })
    expect(Number((await count.json<{ c: string }>())[0]?.c)).toBe(3)
    const rollup = await stores.ch.query({
      query: 'SELECT sum(clicks) AS c FROM clicks_daily_v1 WHERE program_id = {p:UUID}',
      query_params: { p: program },
      format: 'JSONEachRow',
    })
    expect(Number((await rollup.json<{ c: string }>())[0]?.c)).toBe(3)
  })

  it('refuses, with a clear message, embedded data another process is using', () => {
    const target = stores.selection.clickhouse
    if (target.kind !== 'embedded') throw new Error('this test runs on embedded chDB')
    const storesModule = fileURLToPath(new URL('./stores.ts', import.meta.url))
    const script = `
      const { openStores } = await import(${JSON.stringify(storesModule)})
      try {
        await openStores({ postgres: { kind: 'embedded', dir: 'memory://' }, clickhouse: { kind: 'embedded', dir: ${JSON.stringify(target.dir)} } })
        console.log('opened')
      } catch (error) { console.log(error.name + ': ' + error.message) }`
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.stdout).toContain(
      `ConfigError: The embedded data in ${target.dir} is in use by another Tandem process`,
    )
  })

  it('keeps embedded data private (dirs 0700, files 0600), whatever the umask and old modes', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-private-'))
    try {
      // Data from an older version, written world-readable.
      mkdirSync(join(dataDir, 'pg'), { mode: 0o777 })
      writeFileSync(join(dataDir, 'pg', 'old-file'), 'x', { mode: 0o666 })
      chmodSync(join(dataDir, 'pg'), 0o777)
      chmodSync(join(dataDir, 'pg', 'old-file'), 0o666)
      const storesModule = fileURLToPath(new URL('./stores.ts', import.meta.url))
      const script = `
        process.umask(0)
        const { openStores } = await import(${JSON.stringify(storesModule)})
        const dir = ${JSON.stringify(dataDir)}
        const stores = await openStores({ postgres: { kind: 'embedded', dir: dir + '/pg' }, clickhouse: { kind: 'embedded', dir: dir + '/ch' } })
        await stores.db.insertInto('partner_groups').values({ program_id: null, name: 'g' }).execute().catch(() => {})
        await stores.ch.command({ query: 'INSERT INTO clicks (event_id) VALUES (generateUUIDv4())' })
        await stores.close()
        console.log('done')`
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 120_000,
      })
      expect(run.stdout, run.stderr).toContain('done')
      const open: string[] = []
      const walk = (path: string) => {
        const stat = lstatSync(path)
        if (stat.isSymbolicLink()) return
        if ((stat.mode & 0o077) !== 0) open.push(`${path} ${(stat.mode & 0o777).toString(8)}`)
        if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
      }
      for (const sub of ['pg', 'ch']) walk(join(dataDir, sub))
      expect(open).toEqual([])
      expect(readdirSync(join(dataDir, 'ch')).length).toBeGreaterThan(0)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
