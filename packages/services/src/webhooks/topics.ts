/** Event topics an endpoint or postback can subscribe to (an empty list means all of them). */
export const WEBHOOK_TOPICS = ['conversion.created', 'conversion.updated', 'conversion.approved'] as const

export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number]
