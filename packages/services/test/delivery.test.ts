import { countOutbox, enqueueOutboxEvent } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startJobRunner } from '../src/jobs/runner.ts'
import { listWebhookDeliveries } from '../src/webhooks/delivery-log.ts'
import { createWebhookEndpoint, updateWebhookEndpoint } from '../src/webhooks/endpoints.ts'
import { setPartnerPostback } from '../src/webhooks/postbacks.ts'
import { replayWebhookEvent } from '../src/webhooks/replay.ts'
import {
  eventually,
  queueConnection,
  seedConversion,
  seedProgram,
  startReceiver,
  testRunnerConfig,
} from './fixtures.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

const admin = { type: 'user' as const, id: null }

async function emit(programId: string, topic: string, payload: Record<string, unknown>, partnerId?: string) {
  await stores.db
    .transaction()
    .execute((trx) => enqueueOutboxEvent(trx, { programId, topic, payload, partnerId }))
}

describe('outbound webhooks', () => {
  it('delivers each event once, signed so the standardwebhooks library verifies it, and logs the attempt', async () => {
    const receiver = await startReceiver(() => 200)
    const p = await seedProgram(stores.db)
    const { endpoint, secret } = await createWebhookEndpoint(
      stores.db,
      { program: { slug: p.slug }, url: `${receiver.url}/hooks`, events: ['conversion.created'] },
      admin,
    )
    expect(secret).toMatch(/^whsec_/)
    await emit(p.programId, 'conversion.created', { conversion_id: 'c-1', amount_minor: 4990 })
    await emit(p.programId, 'conversion.updated', { conversion_id: 'c-1' }) // not subscribed
    const runner = await startJobRunner({
      db: stores.db,
      connection: queueConnection(stores),
      config: testRunnerConfig(),
      log: () => {},
    })
    try {
      await eventually(() => receiver.received.length >= 1)
      await eventually(async () => (await countOutbox(stores.db)).delivered >= 1)
    } finally {
      await runner.stop()
      await receiver.close()
    }
    expect(receiver.received).toHaveLength(1)
    const req = receiver.received[0]!
    expect(req.method).toBe('POST')
    expect(req.url).toBe('/hooks')
    const verified = new Webhook(secret).verify(req.body, {
      'webhook-id': String(req.headers['webhook-id']),
      'webhook-timestamp': String(req.headers['webhook-timestamp']),
      'webhook-signature': String(req.headers['webhook-signature']),
    })
    expect(verified).toMatchObject({
      type: 'conversion.created',
      data: { conversion_id: 'c-1', amount_minor: 4990 },
    })
    // A tampered body fails the same library's verification.
    expect(() =>
      new Webhook(secret).verify(req.body.replace('4990', '9999'), {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      }),
    ).toThrow()

    const log = await listWebhookDeliveries(stores.db, { endpointId: endpoint.id })
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({
      eventId: req.headers['webhook-id'],
      attempt: 1,
      status: 'succeeded',
      statusCode: 200,
      responseExcerpt: 'ok',
      error: null,
    })
    expect(log[0]?.latencyMs).toBeGreaterThanOrEqual(0)
  })

  it('replays a delivered event to its endpoint with the same id; refuses one still queued', async () => {
    const receiver = await startReceiver(() => 200)
    const p = await seedProgram(stores.db)
    const { endpoint } = await createWebhookEndpoint(
      stores.db,
      { program: { id: p.programId }, url: receiver.url },
      admin,
    )
    await emit(p.programId, 'conversion.created', { conversion_id: 'c-2' })
    const queued = await stores.db
      .selectFrom('outbox')
      .select('event_id')
      .where('endpoint_id', '=', endpoint.id)
      .executeTakeFirstOrThrow()
    await expect(
      replayWebhookEvent(stores.db, { endpointId: endpoint.id, eventId: queued.event_id }, admin),
    ).rejects.toMatchObject({ code: 'conflict' })
    const runner = await startJobRunner({
      db: stores.db,
      connection: queueConnection(stores),
      config: testRunnerConfig(),
      log: () => {},
    })
    try {
      await eventually(() => receiver.received.length === 1)
      await eventually(
        async () =>
          (await listWebhookDeliveries(stores.db, { endpointId: endpoint.id }))[0]?.status === 'succeeded',
      )
      const r = await replayWebhookEvent(
        stores.db,
        { endpointId: endpoint.id, eventId: queued.event_id },
        admin,
      )
      expect(r.previousStatus).toBe('delivered')
      await eventually(() => receiver.received.length === 2)
      await eventually(
        async () =>
          (await listWebhookDeliveries(stores.db, { endpointId: endpoint.id })).length === 2 &&
          (await listWebhookDeliveries(stores.db, { endpointId: endpoint.id })).every(
            (d) => d.status === 'succeeded',
          ),
      )
    } finally {
      await runner.stop()
      await receiver.close()
    }
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([queued.event_id, queued.event_id])
    const log = await listWebhookDeliveries(stores.db, { endpointId: endpoint.id })
    expect(log.map((d) => d.attempt)).toEqual([2, 1])
    await expect(
      replayWebhookEvent(stores.db, { endpointId: endpoint.id, eventId: crypto.randomUUID() }, admin),
    ).rejects.toMatchObject({ code: 'not_found' })
  })

  it("fires a partner's postback template on their conversion's events, values encoded", async () => {
    const receiver = await startReceiver(() => 200)
    const p = await seedProgram(stores.db)
    await expect(
      setPartnerPostback(
        stores.db,
        { programId: p.programId, partnerId: p.partnerId, urlTemplate: `${receiver.url}/pb?x={clickid}` },
        admin,
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    await setPartnerPostback(
      stores.db,
      {
        programId: p.programId,
        partnerId: p.partnerId,
        urlTemplate: `${receiver.url}/pb?cid={click_id}&s1={sub1}&s5={sub5}&amt={amount}&cur={currency}&st={status}&o={order_id}`,
      },
      admin,
    )
    const id = await seedConversion(stores.db, {
      ...p,
      holdUntil: new Date(Date.now() + 86_400_000), // not due: the hold sweep must not add its own event
      amountMinor: 8990,
      orderId: 'A&B 1',
      clickId: 'clk-1',
      subIds: { sub1: 'news letter' },
    })
    await emit(p.programId, 'conversion.approved', { conversion_id: id, status: 'approved' }, p.partnerId)
    await emit(p.programId, 'conversion.created', { conversion_id: id, status: 'pending' }) // no partner: no postback
    const runner = await startJobRunner({
      db: stores.db,
      connection: queueConnection(stores),
      config: testRunnerConfig(),
      log: () => {},
    })
    try {
      await eventually(() => receiver.received.length >= 1)
      await eventually(async () => (await countOutbox(stores.db)).pending === 0)
    } finally {
      await runner.stop()
      await receiver.close()
    }
    expect(receiver.received).toHaveLength(1)
    expect(receiver.received[0]?.method).toBe('GET')
    expect(receiver.received[0]?.url).toBe(
      '/pb?cid=clk-1&s1=news%20letter&s5=&amt=89.90&cur=EUR&st=approved&o=A%26B%201',
    )
  })

  it('drops events for an endpoint disabled before delivery: nothing is sent, the row is dead', async () => {
    const receiver = await startReceiver(() => 200)
    const p = await seedProgram(stores.db)
    const { endpoint } = await createWebhookEndpoint(
      stores.db,
      { program: { id: p.programId }, url: receiver.url },
      admin,
    )
    await emit(p.programId, 'conversion.created', { conversion_id: 'c-3' })
    await updateWebhookEndpoint(stores.db, { endpointId: endpoint.id, active: false }, admin)
    const runner = await startJobRunner({
      db: stores.db,
      connection: queueConnection(stores),
      config: testRunnerConfig(),
      log: () => {},
    })
    try {
      await eventually(async () => {
        const row = await stores.db
          .selectFrom('outbox')
          .select('status')
          .where('endpoint_id', '=', endpoint.id)
          .executeTakeFirstOrThrow()
        return row.status === 'failed'
      })
    } finally {
      await runner.stop()
      await receiver.close()
    }
    expect(receiver.received).toHaveLength(0)
  })
})
