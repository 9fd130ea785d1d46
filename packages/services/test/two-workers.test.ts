import { type Database, enqueueOutboxEvent, openPostgres } from '@tandem/db'
import { openTestStores, testPostgresEngine } from '@tandem/db/testing'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startJobRunner } from '../src/jobs/runner.ts'
import { createWebhookEndpoint } from '../src/webhooks/endpoints.ts'
import { eventually, seedProgram, startReceiver, testRunnerConfig } from './fixtures.ts'

// Two workers need two connections to one database: PGlite is one connection in one process.
const onServer = testPostgresEngine() === 'server'

let stores: Awaited<ReturnType<typeof openTestStores>>
let secondDb: Kysely<Database>
beforeAll(async () => {
  if (!onServer) return
  stores = await openTestStores()
  secondDb = (await openPostgres({ kind: 'server', url: stores.databaseUrl! })).db
})
afterAll(async () => {
  await secondDb?.destroy()
  await stores?.dispose()
})

describe.skipIf(!onServer)(
  'two workers on one Postgres server (server only: PGlite has one connection)',
  () => {
    it('never deliver the same attempt twice: each event is refused once and accepted once, no more', async () => {
      const N = 40
      const receiver = await startReceiver(async (req, seen) => {
        await new Promise((r) => setTimeout(r, 10)) // overlap the workers' requests
        const id = req.headers['webhook-id']
        return seen.some((s) => s.headers['webhook-id'] === id) ? 200 : 500
      })
      const p = await seedProgram(stores.db)
      await createWebhookEndpoint(
        stores.db,
        { program: { id: p.programId }, url: receiver.url },
        { type: 'system', id: null },
      )
      await stores.db.transaction().execute(async (trx) => {
        for (let i = 0; i < N; i++) {
          await enqueueOutboxEvent(trx, {
            programId: p.programId,
            topic: 'conversion.created',
            payload: { n: i },
          })
        }
      })
      const done = [0, 0]
      const config = testRunnerConfig({
        webhook: { retryLimit: 5, retryDelaySeconds: 1, timeoutMs: 2000, concurrency: 4 },
      })
      const url = stores.databaseUrl!
      const runners = await Promise.all(
        [stores.db, secondDb].map((db, i) =>
          startJobRunner({
            db,
            connection: { kind: 'server', url },
            config,
            log: () => {},
            onDelivery: (r) => {
              if (r.result === 'delivered' || r.result === 'failed') done[i]!++
            },
          }),
        ),
      )
      try {
        await eventually(async () => {
          const r = await stores.db
            .selectFrom('outbox')
            .select('status')
            .where('status', '!=', 'delivered')
            .execute()
          return r.length === 0
        }, 120_000)
      } finally {
        await Promise.all(runners.map((r) => r.stop()))
        await receiver.close()
      }
      const perId = new Map<string, number>()
      for (const r of receiver.received) {
        const id = String(r.headers['webhook-id'])
        perId.set(id, (perId.get(id) ?? 0) + 1)
      }
      expect(perId.size).toBe(N)
      expect([...perId.values()].every((n) => n === 2)).toBe(true)
      expect(receiver.okCountById().size).toBe(N)
      expect(done[0]! + done[1]!).toBe(2 * N)
      // Both workers took part.
      expect(done[0]).toBeGreaterThan(0)
      expect(done[1]).toBeGreaterThan(0)
      const attempts = await stores.db
        .selectFrom('webhook_deliveries')
        .select(['outbox_id', 'attempt'])
        .execute()
      expect(attempts).toHaveLength(2 * N)
    })
  },
)
