import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { EventRow } from '../clickhouse/rows.ts'
import type { Database } from '../postgres/schema.ts'

/** Queues ClickHouse `events` rows; call it inside the transaction of the change they record. */
export async function queueClickHouseEvents(trx: Kysely<Database>, rows: readonly EventRow[]): Promise<void> {
  if (rows.length === 0) return
  await trx
    .insertInto('event_outbox')
    .values(rows.map((row) => ({ ch_table: 'events' as const, row: JSON.stringify(row) })))
    .execute()
}

export interface EventBatch {
  batchId: string
  rows: Record<string, unknown>[]
}

/**
 * Claims up to `limit` unclaimed rows as one batch (SKIP LOCKED: relays on several processes take
 * disjoint rows). The batch's rows are fixed from here on, so its token names one set of rows.
 */
export async function claimEventBatch(
  db: Kysely<Database>,
  limit: number,
  now: Date,
): Promise<EventBatch | null> {
  return db.transaction().execute(async (trx) => {
    const ids = await trx
      .selectFrom('event_outbox')
      .select('id')
      .where('batch_id', 'is', null)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute()
    if (ids.length === 0) return null
    const batchId = randomUUID()
    const rows = await trx
      .updateTable('event_outbox')
      .set({ batch_id: batchId, claimed_at: now })
      .where(
        'id',
        'in',
        ids.map((r) => r.id),
      )
      .returning(['id', 'row'])
      .execute()
    rows.sort((a, b) => a.id - b.id)
    return { batchId, rows: rows.map((r) => r.row) }
  })
}

/** Batches claimed before `before` and not acknowledged yet (their relay crashed or is stuck). */
export async function unfinishedEventBatches(db: Kysely<Database>, before: Date): Promise<EventBatch[]> {
  const rows = await db
    .selectFrom('event_outbox')
    .select(['id', 'batch_id', 'row'])
    .where('batch_id', 'is not', null)
    .where('claimed_at', '<', before)
    .orderBy('batch_id')
    .orderBy('id')
    .limit(50_000)
    .execute()
  const batches = new Map<string, Record<string, unknown>[]>()
  for (const r of rows) {
    const id = r.batch_id as string
    const list = batches.get(id) ?? []
    list.push(r.row)
    batches.set(id, list)
  }
  return [...batches].map(([batchId, list]) => ({ batchId, rows: list }))
}

/** ClickHouse acknowledged the batch: its rows are done. */
export async function deleteEventBatch(db: Kysely<Database>, batchId: string): Promise<void> {
  await db.deleteFrom('event_outbox').where('batch_id', '=', batchId).execute()
}

export async function countQueuedEvents(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('event_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}
