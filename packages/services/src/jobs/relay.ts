import { type Database, lockUndispatchedOutbox, markOutboxDispatched } from '@tandem/db'
import type { Kysely } from 'kysely'
import type PgBoss from 'pg-boss'
import { transactionExecutor } from './queue-connection.ts'
import { type DeliverJob, QUEUES } from './queues.ts'

/**
 * Moves up to `limit` new outbox rows into the job queue: one delivery job per row, inserted in
 * the transaction that marks the rows dispatched. A crash before commit leaves them for the next
 * relay; after commit they are jobs. Rows another worker is relaying are skipped, not waited for.
 */
export async function relayOutbox(db: Kysely<Database>, boss: PgBoss, limit = 100): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ids = await lockUndispatchedOutbox(trx, limit)
    if (ids.length === 0) return 0
    const jobs: PgBoss.JobInsert<DeliverJob>[] = ids.map((outboxId) => ({
      name: QUEUES.deliver,
      data: { outboxId },
    }))
    await boss.insert(jobs, { db: transactionExecutor(trx) })
    await markOutboxDispatched(trx, ids, new Date())
    return ids.length
  })
}
