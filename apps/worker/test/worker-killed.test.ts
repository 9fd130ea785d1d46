import { enqueueOutboxEvent } from '@tandem/db'
import { openTestStores, testPostgresEngine } from '@tandem/db/testing'
import { createWebhookEndpoint, listWebhookDeliveries } from '@tandem/services'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, seedProgram, spawnWorker, startReceiver, type WorkerProcess } from './helpers.ts'

// Worker processes share a Postgres server; PGlite belongs to one process.
const onServer = testPostgresEngine() === 'server'

let stores: Awaited<ReturnType<typeof openTestStores>>
const workers: WorkerProcess[] = []
beforeAll(async () => {
  if (onServer) stores = await openTestStores()
})
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL')
  await stores?.dispose()
})

describe.skipIf(!onServer)('a worker killed mid-delivery (server only)', () => {
  it('loses nothing: after a restart every event reaches the receiver, the cut attempt is logged', async () => {
    const N = 6
    // The very first request hangs: the worker is killed (SIGKILL) while waiting for its answer.
    let firstArrived: () => void = () => {}
    const arrived = new Promise<void>((resolve) => {
      firstArrived = resolve
    })
    const receiver = await startReceiver((_id, seen) => {
      if (seen.length === 0) {
        firstArrived()
        return null
      }
      return 200
    })
    const program = await seedProgram(stores.db)
    const { endpoint } = await createWebhookEndpoint(
      stores.db,
      { program: { id: program.id }, url: receiver.url },
      { type: 'system', id: null },
    )
    await stores.db.transaction().execute(async (trx) => {
      for (let i = 0; i < N; i++) {
        await enqueueOutboxEvent(trx, {
          programId: program.id,
          topic: 'conversion.created',
          payload: { n: i },
        })
      }
    })
    const env = {
      DATABASE_URL: stores.databaseUrl!,
      TANDEM_WEBHOOK_CONCURRENCY: '1',
      TANDEM_WEBHOOK_TIMEOUT_MS: '1000',
      TANDEM_WEBHOOK_RETRY_DELAY_SECONDS: '1',
      TANDEM_JOBS_MAINTENANCE_SECONDS: '1',
    }
    try {
      const first = spawnWorker(env)
      workers.push(first)
      await Promise.race([
        arrived,
        first.exited.then((code) => {
          throw new Error(`worker exited ${code} before delivering: ${first.output()}`)
        }),
      ])
      first.child.kill('SIGKILL')
      expect(await first.exited).toBeNull() // killed by the signal, no clean exit

      const second = spawnWorker(env)
      workers.push(second)
      await eventually(async () => {
        const r = await stores.db
          .selectFrom('outbox')
          .select('status')
          .where('endpoint_id', '=', endpoint.id)
          .execute()
        return r.length === N && r.every((x) => x.status === 'delivered')
      }, 120_000)
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0) // a clean stop on SIGTERM
    } finally {
      await receiver.close()
    }

    const outbox = await stores.db
      .selectFrom('outbox')
      .select('event_id')
      .where('endpoint_id', '=', endpoint.id)
      .execute()
    const accepted = new Set(receiver.received.filter((r) => r.status === 200).map((r) => r.id))
    expect(accepted).toEqual(new Set(outbox.map((o) => o.event_id)))
    // The cut event was sent again under the same id (the receiver dedupes on it).
    const cut = receiver.received[0]!
    expect(cut.status).toBeNull()
    expect(accepted.has(cut.id)).toBe(true)
    const log = await listWebhookDeliveries(stores.db, { endpointId: endpoint.id, eventId: cut.id })
    expect(log.map((d) => [d.attempt, d.status])).toEqual([
      [2, 'succeeded'],
      [1, 'failed'],
    ])
    expect(log[1]?.error).toMatch(/interrupted/)
  })
})
