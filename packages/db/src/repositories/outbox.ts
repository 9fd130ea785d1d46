import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface OutboxEvent {
  programId: string
  topic: string
  payload: Record<string, unknown>
  /** The partner the event concerns: their active postback for the program gets a row too. */
  partnerId?: string | null
}

const subscribed = (events: readonly string[], topic: string) => events.length === 0 || events.includes(topic)

/**
 * Writes one outbox row per target subscribed to the topic: each active webhook endpoint of the
 * program and the partner's postback. Call it inside the transaction of the change it announces.
 * Returns the number of rows written.
 */
export async function enqueueOutboxEvent(trx: Kysely<Database>, event: OutboxEvent): Promise<number> {
  const endpoints = await trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'events'])
    .where('program_id', '=', event.programId)
    .where('active', '=', true)
    .execute()
  const postbacks = event.partnerId
    ? await trx
        .selectFrom('partner_postbacks')
        .select(['id', 'events'])
        .where('program_id', '=', event.programId)
        .where('partner_id', '=', event.partnerId)
        .where('active', '=', true)
        .execute()
    : []
  const payload = JSON.stringify({ topic: event.topic, ...event.payload })
  const rows = [
    ...endpoints
      .filter((e) => subscribed(e.events, event.topic))
      .map((e) => ({ endpoint_id: e.id, postback_id: null })),
    ...postbacks
      .filter((p) => subscribed(p.events, event.topic))
      .map((p) => ({ endpoint_id: null, postback_id: p.id })),
  ]
  if (rows.length === 0) return 0
  await trx
    .insertInto('outbox')
    .values(rows.map((r) => ({ ...r, topic: event.topic, payload, next_attempt_at: new Date() })))
    .execute()
  return rows.length
}

/**
 * Pending rows not yet handed to the job queue, locked for the caller's transaction. SKIP LOCKED:
 * relays running at once on several workers take disjoint rows instead of waiting on each other.
 */
export async function lockUndispatchedOutbox(trx: Kysely<Database>, limit: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('dispatched_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()
  return rows.map((r) => r.id)
}

export async function markOutboxDispatched(trx: Kysely<Database>, ids: readonly number[], now: Date) {
  if (ids.length === 0) return
  await trx.updateTable('outbox').set({ dispatched_at: now }).where('id', 'in', ids).execute()
}

export interface ClaimedOutboxRow {
  id: number
  eventId: string
  endpointId: string | null
  postbackId: string | null
  topic: string
  payload: Record<string, unknown>
  createdAt: Date
  /** This attempt's number (1 for the first): unique per row, so no attempt is sent twice. */
  attempt: number
}

/**
 * Counts a new attempt on a pending row and returns it, or null when the row is already
 * delivered or dead (a retried job after success, a replay racing a delivery). The increment is
 * one UPDATE, so two workers holding the same row get different attempt numbers.
 */
export async function claimOutboxAttempt(
  trx: Kysely<Database>,
  outboxId: number,
  now: Date,
): Promise<ClaimedOutboxRow | null> {
  const row = await trx
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: now }))
    .where('id', '=', outboxId)
    .where('status', '=', 'pending')
    .returning(['id', 'event_id', 'endpoint_id', 'postback_id', 'topic', 'payload', 'created_at', 'attempts'])
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    postbackId: row.postback_id,
    topic: row.topic,
    payload: row.payload,
    createdAt: row.created_at,
    attempt: row.attempts,
  }
}

export async function markOutboxDelivered(db: Kysely<Database>, outboxId: number, now: Date) {
  await db
    .updateTable('outbox')
    .set({ status: 'delivered', delivered_at: now })
    .where('id', '=', outboxId)
    .where('status', '=', 'pending')
    .execute()
}

/** Dead: every retry failed (or the target is gone). A replay can bring it back. */
export async function markOutboxDead(db: Kysely<Database>, outboxId: number): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'failed' })
    .where('id', '=', outboxId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

export interface OutboxRowRef {
  id: number
  eventId: string
  endpointId: string | null
  postbackId: string | null
  topic: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
}

export async function lockOutboxRow(
  db: Kysely<Database>,
  ref: { eventId: string } | { id: number },
): Promise<OutboxRowRef | null> {
  const q = db
    .selectFrom('outbox')
    .select(['id', 'event_id', 'endpoint_id', 'postback_id', 'topic', 'status', 'attempts'])
  const row = await ('eventId' in ref ? q.where('event_id', '=', ref.eventId) : q.where('id', '=', ref.id))
    .forUpdate()
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    postbackId: row.postback_id,
    topic: row.topic,
    status: row.status,
    attempts: row.attempts,
  }
}

/**
 * Replay: the row goes back to pending and not dispatched, so the relay hands it to the queue
 * again. Its event id stays (receivers dedupe on it); attempt numbers keep counting up.
 */
export async function requeueOutboxRow(trx: Kysely<Database>, outboxId: number, now: Date): Promise<void> {
  await trx
    .updateTable('outbox')
    .set({ status: 'pending', dispatched_at: null, delivered_at: null, next_attempt_at: now })
    .where('id', '=', outboxId)
    .execute()
}

/** Rows by status, for tests and the admin view. */
export async function countOutbox(
  db: Kysely<Database>,
): Promise<{ pending: number; delivered: number; failed: number }> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute()
  const out = { pending: 0, delivered: 0, failed: 0 }
  for (const r of rows) out[r.status] = r.n
  return out
}
