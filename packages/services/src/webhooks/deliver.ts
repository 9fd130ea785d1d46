import {
  type ClaimedOutboxRow,
  claimOutboxAttempt,
  type Database,
  findPartnerPostback,
  findWebhookEndpoint,
  finishDeliveryAttempt,
  loadPostbackConversionFacts,
  markOutboxDead,
  markOutboxDelivered,
  startDeliveryAttempt,
} from '@tandem/db'
import type { Kysely } from 'kysely'
import { type OutgoingRequest, sendRequest } from './http-send.ts'
import { webhookBody } from './payload.ts'
import { renderPostbackUrl } from './postback-template.ts'
import { signedHeaders } from './signature.ts'

export interface DeliveryDeps {
  db: Kysely<Database>
  timeoutMs: number
  now?: () => Date
}

export type DeliveryResult =
  | { result: 'delivered'; attempt: number }
  /** Already delivered or dead: a retried job or a replay that lost the race. */
  | { result: 'skipped' }
  /** The endpoint or postback was disabled or deleted: the row is dead, nothing is sent. */
  | { result: 'dropped'; reason: string }

/** A failed attempt; the job queue retries it with backoff. */
export class DeliveryFailedError extends Error {
  override name = 'DeliveryFailedError'
}

const USER_AGENT = 'Tandem-Webhooks/1'

/**
 * One attempt at one outbox row: claim an attempt number and log it as 'sending' (one
 * transaction), send, then log the answer and mark the row delivered on 2xx (another). Holding no
 * transaction during the request keeps PGlite's single connection free for everyone else.
 */
export async function deliverOutboxRow(deps: DeliveryDeps, outboxId: number): Promise<DeliveryResult> {
  const now = deps.now ?? (() => new Date())
  const prepared = await deps.db.transaction().execute(async (trx) => {
    const row = await claimOutboxAttempt(trx, outboxId, now())
    if (!row) return { kind: 'skip' as const }
    const request = await buildRequest(trx, row, now(), deps.timeoutMs)
    if ('dropped' in request) {
      await markOutboxDead(trx, row.id)
      return { kind: 'drop' as const, reason: request.dropped }
    }
    const deliveryId = await startDeliveryAttempt(
      trx,
      {
        outboxId: row.id,
        eventId: row.eventId,
        endpointId: row.endpointId,
        postbackId: row.postbackId,
        attempt: row.attempt,
        url: request.url,
      },
      now(),
    )
    return { kind: 'send' as const, row, request, deliveryId }
  })
  if (prepared.kind === 'skip') return { result: 'skipped' }
  if (prepared.kind === 'drop') return { result: 'dropped', reason: prepared.reason }

  const outcome = await sendRequest(prepared.request)
  await deps.db.transaction().execute(async (trx) => {
    await finishDeliveryAttempt(trx, prepared.deliveryId, outcome, now())
    if (outcome.ok) await markOutboxDelivered(trx, prepared.row.id, now())
  })
  if (!outcome.ok) {
    throw new DeliveryFailedError(
      `attempt ${prepared.row.attempt} of event ${prepared.row.eventId} to ${prepared.request.url} failed: ${outcome.error}`,
    )
  }
  return { result: 'delivered', attempt: prepared.row.attempt }
}

async function buildRequest(
  db: Kysely<Database>,
  row: ClaimedOutboxRow,
  now: Date,
  timeoutMs: number,
): Promise<OutgoingRequest | { dropped: string }> {
  if (row.endpointId) {
    const endpoint = await findWebhookEndpoint(db, row.endpointId)
    if (!endpoint?.active) return { dropped: 'the webhook endpoint is disabled or gone' }
    const body = webhookBody(row.topic, row.createdAt, row.payload)
    return {
      method: 'POST',
      url: endpoint.url,
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        ...signedHeaders(endpoint.secret, row.eventId, now, body),
      },
      body,
      timeoutMs,
    }
  }
  if (row.postbackId) {
    const postback = await findPartnerPostback(db, row.postbackId)
    if (!postback?.active) return { dropped: 'the partner postback is disabled or gone' }
    const conversionId = row.payload.conversion_id
    // A partner's test send (postback.test) carries sample values instead of a conversion.
    const facts =
      row.payload.test === true
        ? testFacts(row.payload)
        : typeof conversionId === 'string'
          ? await loadPostbackConversionFacts(db, conversionId)
          : null
    if (!facts) return { dropped: 'the event names no conversion a postback can describe' }
    const status = String(row.payload.to ?? row.payload.status ?? facts.status)
    return {
      method: 'GET',
      url: renderPostbackUrl(postback.urlTemplate, facts, status),
      headers: { 'user-agent': USER_AGENT, 'webhook-id': row.eventId },
      body: null,
      timeoutMs,
    }
  }
  return { dropped: 'the outbox row has no target' }
}

function testFacts(payload: Record<string, unknown>) {
  const subIds = (payload.sub_ids ?? {}) as Record<string, string>
  return {
    id: 'test',
    orderId: String(payload.order_id ?? 'TEST'),
    clickId: String(payload.click_id ?? 'TEST'),
    subIds,
    amountMinor: Number(payload.amount_minor ?? 0),
    currency: String(payload.currency ?? 'EUR'),
    status: String(payload.status ?? 'approved'),
  }
}
