import { countOutbox, enqueueOutboxEvent } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startJobRunner } from '../src/jobs/runner.ts'
import { listWebhookDeliveries } from '../src/webhooks/delivery-log.ts'
import { createWebhookEndpoint } from '../src/webhooks/endpoints.ts'
import { replayWebhookEvent } from '../src/webhooks/replay.ts'
import { eventually, queueConnection, seedProgram, startReceiver, testRunnerConfig } from './fixtures.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

const admin = { type: 'user' as const, id: null }

async function emitMany(programId: string, n: number): Promise<void> {
  await stores.db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++) {
      await enqueueOutboxEvent(trx, { programId, topic: 'conversion.created', payload: { n: i } })
    }
  })
}

describe('a receiver that is down', () => {
  it('gets every event exactly once by id after it recovers; each refused attempt is logged', async () => {
    const N = 12
    // Down (503) until it has refused every event twice, so each goes through at least two backoffs.
    const refusals = new Map<string, number>()
    let down = true
    const receiver = await startReceiver((req) => {
      const id = String(req.headers['webhook-id'])
      if (down) {
        refusals.set(id, (refusals.get(id) ?? 0) + 1)
        if (refusals.size === N && [...refusals.values()].every((n) => n >= 2)) down = false
        return 503
      }
      return 200
    })
    const p = await seedProgram(stores.db)
    const { endpoint } = await createWebhookEndpoint(
      stores.db,
      { program: { id: p.programId }, url: receiver.url },
      admin,
    )
    await emitMany(p.programId, N)
    const runner = await startJobRunner({
      db: stores.db,
      connection: queueConnection(stores),
      config: testRunnerConfig({
        webhook: { retryLimit: 8, retryDelaySeconds: 1, timeoutMs: 2000, concurrency: 3 },
      }),
      log: () => {},
    })
    try {
      await eventually(async () => (await countOutbox(stores.db)).delivered === N, 120_000)
    } finally {
      await runner.stop()
      await receiver.close()
    }
    const ok = receiver.okCountById()
    expect(ok.size).toBe(N)
    expect([...ok.values()].every((n) => n === 1)).toBe(true)
    expect([...refusals.values()].every((n) => n >= 2)).toBe(true)

    // The log: per event, attempts 1..k, the last one succeeded, every earlier one a logged 503.
    const log = await listWebhookDeliveries(stores.db, { endpointId: endpoint.id, limit: 200 })
    const byEvent = new Map<string, typeof log>()
    for (const d of log) byEvent.set(d.eventId, [...(byEvent.get(d.eventId) ?? []), d])
    expect(byEvent.size).toBe(N)
    for (const attempts of byEvent.values()) {
      const sorted = [...attempts].sort((a, b) => a.attempt - b.attempt)
      expect(sorted.map((d) => d.attempt)).toEqual(sorted.map((_, i) => i + 1))
      expect(sorted.at(-1)).toMatchObject({ status: 'succeeded', statusCode: 200 })
      for (const d of sorted.slice(0, -1)) {
        expect(d).toMatchObject({
          status: 'failed',
          statusCode: 503,
          error: 'HTTP 503',
          responseExcerpt: 'nope 503',
        })
      }
    }
  })

  it('an event that fails every retry goes dead; a replay after the fix delivers it', async () => {
    let up = false
    const receiver = await startReceiver(() => (up ? 200 : 500))
    const p = await seedProgram(stores.db)
    const { endpoint } = await createWebhookEndpoint(
      stores.db,
      { program: { id: p.programId }, url: receiver.url },
      admin,
    )
    await emitMany(p.programId, 1)
    const row = await stores.db
      .selectFrom('outbox')
      .select(['id', 'event_id'])
      .where('endpoint_id', '=', endpoint.id)
      .executeTakeFirstOrThrow()
    const status = async () =>
      (
        await stores.db
          .selectFrom('outbox')
          .select('status')
          .where('id', '=', row.id)
          .executeTakeFirstOrThrow()
      ).status
    const runner = await startJobRunner({
      db: stores.db,
      connection: queueConnection(stores),
      config: testRunnerConfig({
        webhook: { retryLimit: 2, retryDelaySeconds: 1, timeoutMs: 2000, concurrency: 1 },
      }),
      log: () => {},
    })
    try {
      await eventually(async () => (await status()) === 'failed', 120_000)
      expect(receiver.received).toHaveLength(3) // the first attempt and two retries
      up = true
      await replayWebhookEvent(stores.db, { endpointId: endpoint.id, eventId: row.event_id }, admin)
      await eventually(async () => (await status()) === 'delivered', 60_000)
    } finally {
      await runner.stop()
      await receiver.close()
    }
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 500, 200])
    const log = await listWebhookDeliveries(stores.db, { endpointId: endpoint.id })
    expect(log.map((d) => [d.attempt, d.status])).toEqual([
      [4, 'succeeded'],
      [3, 'failed'],
      [2, 'failed'],
      [1, 'failed'],
    ])
  })
})
