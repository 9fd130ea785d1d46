import { openTestStores, testPostgresEngine } from '@tandem/db/testing'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approveHeldConversion } from '../src/conversions/approve-held.ts'
import { eventually, seedConversion, seedProgram } from './fixtures.ts'

// Needs a second connection holding the lock while the approval waits: the Postgres server only.
const onServer = testPostgresEngine() === 'server'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  if (onServer) stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

describe.skipIf(!onServer)('hold approval takes the conversion row lock (server only)', () => {
  it('waits for a refund holding the lock, then sees it reversed and leaves it alone', async () => {
    const p = await seedProgram(stores.db)
    const id = await seedConversion(stores.db, { ...p, holdUntil: new Date(Date.now() - 1000) })
    let approval: ReturnType<typeof approveHeldConversion> | null = null
    await stores.db.transaction().execute(async (refund) => {
      // What the tracker's refund path does first: lock the conversion row.
      await refund.selectFrom('conversions').select('id').where('id', '=', id).forUpdate().execute()
      approval = approveHeldConversion(stores.db, id, new Date())
      // The approval is now blocked on our row lock (Postgres reports it waiting on a lock).
      await eventually(async () => {
        const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(stores.db)
        return (r.rows[0]?.n ?? 0) > 0
      }, 30_000)
      await refund
        .updateTable('conversions')
        .set({ status: 'reversed', refunded_minor: 10_000, decided_at: new Date() })
        .where('id', '=', id)
        .execute()
    })
    const result = await approval!
    expect(result).toMatchObject({ result: 'unchanged', status: 'reversed' })
    const c = await stores.db
      .selectFrom('conversions')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(c.status).toBe('reversed')
    const rows = await stores.db
      .selectFrom('commissions')
      .select('status')
      .where('conversion_id', '=', id)
      .execute()
    expect(rows.map((r) => r.status)).toEqual(['pending'])
    const audit = await stores.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .execute()
    expect(audit).toHaveLength(0)
  })
})
