/**
 * The JSON body of a webhook, in the Standard Webhooks shape: `type`, `timestamp` (when the event
 * happened, ISO 8601) and `data`. Built from the outbox row alone, so every attempt sends the
 * same bytes; the event id travels in the `webhook-id` header.
 */
export function webhookBody(topic: string, createdAt: Date, payload: Record<string, unknown>): string {
  const { topic: _topic, ...data } = payload
  return JSON.stringify({ type: topic, timestamp: createdAt.toISOString(), data })
}
