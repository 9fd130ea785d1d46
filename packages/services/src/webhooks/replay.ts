import { type Database, insertAuditRow, lockOutboxRow, requeueOutboxRow } from '@tandem/db'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { ConflictError, NotFoundError, parseInput } from '../errors.ts'
import type { ActingAs } from './endpoints.ts'

const input = z.object({ endpointId: z.uuid(), eventId: z.uuid() })

/**
 * Sends an event to an endpoint again (after a receiver lost it, or once a dead one is fixed):
 * the outbox row goes back to pending with the same event id, so a receiver that did process it
 * dedupes it. An event still waiting for delivery is refused: it is going out anyway.
 */
export async function replayWebhookEvent(
  db: Kysely<Database>,
  raw: z.input<typeof input>,
  actor: ActingAs,
): Promise<{ eventId: string; previousStatus: 'delivered' | 'failed' }> {
  const { endpointId, eventId } = parseInput(input, raw)
  return db.transaction().execute(async (trx) => {
    const row = await lockOutboxRow(trx, { eventId })
    if (!row || row.endpointId !== endpointId) throw new NotFoundError('event for this endpoint', eventId)
    if (row.status === 'pending') {
      throw new ConflictError(
        `Event ${eventId} is still queued for delivery (attempt ${row.attempts} so far)`,
      )
    }
    await requeueOutboxRow(trx, row.id, new Date())
    await insertAuditRow(trx, {
      actorType: actor.type,
      actorId: actor.id,
      action: 'webhook.replayed',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      data: { event_id: eventId, topic: row.topic, previous_status: row.status, attempts: row.attempts },
    })
    return { eventId, previousStatus: row.status }
  })
}
