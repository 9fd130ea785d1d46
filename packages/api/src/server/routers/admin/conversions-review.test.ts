import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { adminClient } from '../../../test-support/clients.ts'
import { insertConversion, insertPartner, insertProgram } from '../../../test-support/fixtures.ts'
import { loggedInAdmin } from '../../../test-support/logged-in-clients.ts'

type Api = Awaited<ReturnType<ReturnType<typeof adminClient>['api']>>

describe('admin conversions review (get, review, bulkReview, refund)', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let manager: Api
  let viewer: Api
  let program: string
  let partner: string
  const ids: string[] = []

  beforeAll(async () => {
    stores = await openTestStores()
    manager = await (await loggedInAdmin(stores, 'manager')).api()
    viewer = await (await loggedInAdmin(stores, 'viewer')).api()
    program = await insertProgram(stores, { currency: 'EUR', name: 'Shop' })
    partner = await insertPartner(stores, { name: 'Ada', programIds: [program] })
    for (const [i, orderId] of ['ORD-100', 'ORD-101', 'ORD-200', 'X-1'].entries()) {
      const id = await insertConversion(stores, {
        programId: program,
        partnerId: partner,
        amountMinor: 10_000,
        currency: 'EUR',
        status: 'pending',
        occurredAt: `2026-05-1${i}T12:00:00Z`,
      })
      await stores.db.updateTable('conversions').set({ order_id: orderId }).where('id', '=', id).execute()
      ids.push(id)
    }
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('filters the queue by order id and partner, and shows one conversion in detail', async () => {
    const range = { from: '2026-05-01', to: '2026-05-31' }
    const byOrder = await viewer.conversions.list({ ...range, orderId: 'ord-1' })
    expect(byOrder.items.map((c) => c.orderId).sort()).toEqual(['ORD-100', 'ORD-101'])
    expect(
      (await viewer.conversions.list({ ...range, partnerId: partner, status: 'pending' })).items,
    ).toHaveLength(4)
    expect((await viewer.conversions.list({ ...range, flagged: true })).items).toHaveLength(0)
    const detail = await viewer.conversions.get({ conversionId: ids[0]! })
    expect(detail).toMatchObject({
      orderId: expect.any(String),
      status: 'pending',
      partnerName: 'Ada',
      touches: [],
    })
  })

  it('approves one, rejects several in bulk (each on its own), refunds by hand; audit rows name the user', async () => {
    await manager.conversions.review({ conversionId: ids[0]!, status: 'approved', reason: 'looks right' })
    const bulk = await manager.conversions.bulkReview({
      conversionIds: [ids[0]!, ids[1]!, ids[2]!],
      status: 'rejected',
      reason: 'test orders',
    })
    expect(bulk.results.map((r) => r.ok)).toEqual([false, true, true])
    expect(bulk.results[0]?.message).toMatch(/approved/)
    const refund = await manager.conversions.refund({ conversionId: ids[0]!, amountMinor: 4_000 })
    expect(refund.status).toBe('approved')
    const detail = await viewer.conversions.get({ conversionId: ids[0]! })
    expect(detail.refunded.amountMinor).toBe(4_000)
    expect(detail.refunds).toHaveLength(1)
    expect(detail.audit.filter((a) => a.actorType === 'user').every((a) => a.actorName)).toBe(true)
  })

  it('refuses viewers every mutation, and bad input with a message', async () => {
    for (const call of [
      () => viewer.conversions.review({ conversionId: ids[3]!, status: 'approved' }),
      () => viewer.conversions.bulkReview({ conversionIds: [ids[3]!], status: 'approved' }),
      () => viewer.conversions.refund({ conversionId: ids[3]! }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    const bad: [() => Promise<unknown>, RegExp][] = [
      [() => manager.conversions.review({ conversionId: 'nope', status: 'approved' }), /conversionId/],
      [() => manager.conversions.review({ conversionId: ids[3]!, status: 'paid' as 'approved' }), /status/],
      [() => manager.conversions.bulkReview({ conversionIds: [], status: 'approved' }), /at least one/],
      [() => manager.conversions.refund({ conversionId: ids[3]!, amountMinor: -5 }), /amountMinor/],
      [() => manager.conversions.refund({ conversionId: ids[3]!, amountMinor: 1.5 }), /amountMinor/],
      [
        () => manager.conversions.list({ from: '2026-05-01', to: '2026-05-31', orderId: 'a\u0000' }),
        /orderId/,
      ],
    ]
    for (const [call, message] of bad) {
      await expect(call()).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(message),
      })
    }
    await expect(
      manager.conversions.refund({ conversionId: ids[3]!, amountMinor: 999_999 }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/BAD_REQUEST|CONFLICT/),
    })
  })
})
