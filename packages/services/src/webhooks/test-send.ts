import { enqueueEndpointEvent, findWebhookEndpoint, insertAuditRow } from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext } from '../context.ts'
import { NotFoundError, parseInput } from '../errors.ts'
import { uuid } from '../shared/fields.ts'

/**
 * Queues a `webhook.test` event for one endpoint: delivered by the job runner like any event
 * (signed, retried, in the delivery log), so a manager sees their receiver answer.
 */
export async function sendTestWebhook(
  ctx: ServiceContext,
  raw: { endpointId: string },
): Promise<{ eventId: string }> {
  const input = parseInput(z.strictObject({ endpointId: uuid }), raw)
  return ctx.db.transaction().execute(async (trx) => {
    const endpoint = await findWebhookEndpoint(trx, input.endpointId)
    if (!endpoint) throw new NotFoundError('webhook endpoint', input.endpointId)
    const now = ctx.now()
    const eventId = await enqueueEndpointEvent(trx, {
      endpointId: endpoint.id,
      topic: 'webhook.test',
      payload: { program_id: endpoint.programId, sent_at: now.toISOString(), test: true },
      now,
    })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'webhook.test_sent',
      entityType: 'webhook_endpoint',
      entityId: endpoint.id,
      data: { event_id: eventId },
    })
    return { eventId }
  })
}
