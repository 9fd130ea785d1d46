import type { Kysely } from 'kysely'
import type { Database, WebhookDeliveriesTable } from '../postgres/schema.ts'

export interface NewDeliveryAttempt {
  outboxId: number
  eventId: string
  endpointId: string | null
  postbackId: string | null
  attempt: number
  url: string
}

/**
 * Logs an attempt as 'sending' before the request goes out, so a worker killed mid-request leaves
 * a trace. The (outbox_id, attempt) key refuses a second send of the same attempt. Earlier attempts
 * still 'sending' were cut off by a stopped worker: they are closed as failed.
 */
export async function startDeliveryAttempt(
  trx: Kysely<Database>,
  a: NewDeliveryAttempt,
  now: Date,
): Promise<number> {
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', error: 'interrupted: the worker stopped before an answer', finished_at: now })
    .where('outbox_id', '=', a.outboxId)
    .where('status', '=', 'sending')
    .where('attempt', '<', a.attempt)
    .execute()
  const row = await trx
    .insertInto('webhook_deliveries')
    .values({
      outbox_id: a.outboxId,
      event_id: a.eventId,
      endpoint_id: a.endpointId,
      postback_id: a.postbackId,
      attempt: a.attempt,
      url: a.url,
      status: 'sending',
      started_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export interface DeliveryOutcome {
  ok: boolean
  statusCode: number | null
  latencyMs: number
  responseExcerpt: string | null
  error: string | null
}

export async function finishDeliveryAttempt(
  db: Kysely<Database>,
  deliveryId: number,
  outcome: DeliveryOutcome,
  now: Date,
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: outcome.ok ? 'succeeded' : 'failed',
      status_code: outcome.statusCode,
      latency_ms: outcome.latencyMs,
      response_excerpt: outcome.responseExcerpt,
      error: outcome.error,
      finished_at: now,
    })
    .where('id', '=', deliveryId)
    .execute()
}

export interface DeliveryLogRow {
  id: number
  outboxId: number
  eventId: string
  endpointId: string | null
  postbackId: string | null
  attempt: number
  url: string
  status: WebhookDeliveriesTable['status']
  statusCode: number | null
  latencyMs: number | null
  responseExcerpt: string | null
  error: string | null
  startedAt: Date
  finishedAt: Date | null
}

/** Newest first; `beforeId` pages back. */
export async function listDeliveries(
  db: Kysely<Database>,
  filter: { endpointId?: string; postbackId?: string; eventId?: string; beforeId?: number; limit: number },
): Promise<DeliveryLogRow[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll()
  if (filter.endpointId) q = q.where('endpoint_id', '=', filter.endpointId)
  if (filter.postbackId) q = q.where('postback_id', '=', filter.postbackId)
  if (filter.eventId) q = q.where('event_id', '=', filter.eventId)
  if (filter.beforeId) q = q.where('id', '<', filter.beforeId)
  const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute()
  return rows.map((r) => ({
    id: r.id,
    outboxId: r.outbox_id,
    eventId: r.event_id,
    endpointId: r.endpoint_id,
    postbackId: r.postback_id,
    attempt: r.attempt,
    url: r.url,
    status: r.status,
    statusCode: r.status_code,
    latencyMs: r.latency_ms,
    responseExcerpt: r.response_excerpt,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  }))
}
