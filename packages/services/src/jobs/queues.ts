/** pg-boss queue names (hyphens: pg-boss builds partition table names from them). */
export const QUEUES = {
  /** One job per outbox row handed over by the relay: `{ outboxId }`. */
  deliver: 'outbox-deliver',
  /** Where a delivery goes after its last retry failed (pg-boss dead letter). */
  dead: 'outbox-dead',
  approveHeld: 'conversions-approve-held',
  settleReferrals: 'referrals-settle',
  scheduledPayouts: 'payouts-scheduled',
  expireSessions: 'sessions-expire',
} as const

export interface DeliverJob {
  outboxId: number
}
