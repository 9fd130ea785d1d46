import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { approveDueConversions, approveHeldConversion } from '../src/conversions/approve-held.ts'
import { seedConversion, seedProgram } from './fixtures.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

const now = new Date('2026-06-01T12:00:00Z')
const before = (s: number) => new Date(now.getTime() - s * 1000)
const after = (s: number) => new Date(now.getTime() + s * 1000)

async function state(id: string) {
  const c = await stores.db
    .selectFrom('conversions')
    .select(['status', 'decided_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  const rows = await stores.db
    .selectFrom('commissions')
    .select(['status', 'approved_at'])
    .where('conversion_id', '=', id)
    .execute()
  const audit = await stores.db
    .selectFrom('audit_log')
    .select(['action', 'actor_type', 'data'])
    .where('entity_id', '=', id)
    .execute()
  const outbox = await stores.db
    .selectFrom('outbox')
    .select(['topic', 'payload', 'endpoint_id'])
    .where(({ eb, ref }) => eb(ref('payload', '->>').key('conversion_id'), '=', id))
    .execute()
  return { status: c.status, decidedAt: c.decided_at, rows, audit, outbox }
}

describe('hold-period approval', () => {
  it('approves a pending conversion whose hold ended: ledger rows, audit row and outbox event together', async () => {
    const p = await seedProgram(stores.db)
    await stores.db
      .insertInto('webhook_endpoints')
      .values({ program_id: p.programId, url: 'http://127.0.0.1:9/x', secret: 'whsec_eA==' })
      .execute()
    const id = await seedConversion(stores.db, { ...p, holdUntil: before(1) })
    const r = await approveHeldConversion(stores.db, id, now)
    expect(r).toEqual({ result: 'approved', conversionId: id, rowsApproved: 1 })
    const s = await state(id)
    expect(s.status).toBe('approved')
    expect(s.decidedAt?.toISOString()).toBe(now.toISOString())
    expect(s.rows).toEqual([{ status: 'approved', approved_at: now }])
    expect(s.audit).toHaveLength(1)
    expect(s.audit[0]).toMatchObject({ action: 'conversion.approved', actor_type: 'system' })
    expect(s.outbox).toHaveLength(1)
    expect(s.outbox[0]?.topic).toBe('conversion.approved')
    expect(s.outbox[0]?.payload).toMatchObject({
      topic: 'conversion.approved',
      status: 'approved',
      amount_minor: 10_000,
    })

    // Once approved, running again changes nothing and writes nothing.
    const again = await approveHeldConversion(stores.db, id, after(60))
    expect(again.result).toBe('unchanged')
    expect((await state(id)).audit).toHaveLength(1)
  })

  it('leaves a conversion in its hold, a rejected one and a reversed one alone (core refuses)', async () => {
    const p = await seedProgram(stores.db)
    const held = await seedConversion(stores.db, { ...p, holdUntil: after(1) })
    const rejected = await seedConversion(stores.db, { ...p, holdUntil: before(10), status: 'rejected' })
    const reversed = await seedConversion(stores.db, { ...p, holdUntil: before(10), status: 'reversed' })
    for (const id of [held, rejected, reversed]) {
      const r = await approveHeldConversion(stores.db, id, now)
      expect(r.result).toBe('unchanged')
    }
    expect((await state(held)).status).toBe('pending')
    expect((await state(held)).rows[0]?.status).toBe('pending')
    expect((await state(rejected)).status).toBe('rejected')
    expect((await state(reversed)).status).toBe('reversed')
    expect((await state(reversed)).rows[0]?.status).toBe('pending')
    for (const id of [held, rejected, reversed]) expect((await state(id)).audit).toHaveLength(0)
  })

  it('the sweep approves every due conversion, skips those flagged for review and those still held', async () => {
    const p = await seedProgram(stores.db)
    const due = await Promise.all(
      [1, 2, 3].map(() => seedConversion(stores.db, { ...p, holdUntil: before(5) })),
    )
    const review = await seedConversion(stores.db, { ...p, holdUntil: before(5), needsReview: true })
    const held = await seedConversion(stores.db, { ...p, holdUntil: after(3600) })
    const summary = await approveDueConversions(
      stores.db,
      now,
      { holdOverrideSeconds: null },
      { batchSize: 2 },
    )
    expect(summary.failed).toBe(0)
    for (const id of due) expect((await state(id)).status).toBe('approved')
    expect((await state(review)).status).toBe('pending')
    expect((await state(held)).status).toBe('pending')
    // A second sweep finds nothing of these to do.
    await approveDueConversions(stores.db, now, { holdOverrideSeconds: null })
    for (const id of due) expect((await state(id)).audit).toHaveLength(1)
  })

  it('the demo override ends a hold N seconds after the conversion was recorded', async () => {
    const p = await seedProgram(stores.db)
    const recorded = before(10)
    const old = await seedConversion(stores.db, { ...p, holdUntil: after(30 * 86_400), createdAt: recorded })
    const fresh = await seedConversion(stores.db, {
      ...p,
      holdUntil: after(30 * 86_400),
      createdAt: before(2),
    })
    const policy = { holdOverrideSeconds: 5 }
    await approveDueConversions(stores.db, now, policy)
    expect((await state(old)).status).toBe('approved')
    expect((await state(old)).audit[0]?.data).toMatchObject({ demo_hold_seconds: 5 })
    expect((await state(fresh)).status).toBe('pending')
    // The seeded demo history keeps its stored holds even with the override on.
    const seeded = await seedConversion(stores.db, {
      ...p,
      holdUntil: after(30 * 86_400),
      createdAt: recorded,
      source: 'seed',
    })
    await approveDueConversions(stores.db, now, policy)
    expect((await state(seeded)).status).toBe('pending')
    expect((await approveHeldConversion(stores.db, seeded, now, policy)).result).toBe('unchanged')
    // Without the override, the stored 30-day hold stands.
    const other = await seedConversion(stores.db, {
      ...p,
      holdUntil: after(30 * 86_400),
      createdAt: recorded,
    })
    await approveDueConversions(stores.db, now, { holdOverrideSeconds: null })
    expect((await state(other)).status).toBe('pending')
  })
})
