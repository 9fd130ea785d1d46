import {
  CoreError,
  evaluateReferralRewards,
  type IssuedReward,
  type ReferralProgram,
  type ReferrerHistory,
  type RewardSpec,
} from '@tandem/core'
import {
  type Database,
  findUnsettledReferrals,
  insertAuditRow,
  insertRewardRow,
  listPendingRewardKeys,
  listReferrerRewards,
  lockReferralFacts,
  type RewardRow,
  settlePendingRewardRow,
} from '@tandem/db'
import type { Kysely } from 'kysely'

export type SettleReferralResult =
  | { result: 'qualified'; issued: number; voided: number }
  | { result: 'voided'; voided: number; reason: string }
  | { result: 'on_hold'; projected: number; qualifiesAt: Date | null }
  | { result: 'nothing'; status: string }

const REWARD_TYPES = {
  percent_coupon: 'coupon_percent',
  fixed_coupon: 'coupon_fixed',
  store_credit: 'store_credit',
  cash: 'cash',
} as const satisfies Record<RewardSpec['type'], string>

/**
 * Settles one referred friend's rewards as core decides them now, in one transaction with the
 * friend's customer row locked:
 * - qualified (first purchase at or above the minimum, hold period over): each reward core lists
 *   is issued under its idempotency key (a pending projection becomes qualified/issued, a missing
 *   one is inserted); projections core no longer lists (a cap or milestone taken) are voided;
 * - not qualified (refunded below the minimum within the hold, self-referral…): pending rows are
 *   voided, with core's reason;
 * - on hold: what core will issue when the hold ends is written as pending (shown to the
 *   ambassador), under the same keys.
 */
export async function settleReferral(
  db: Kysely<Database>,
  customerId: string,
  now: Date,
): Promise<SettleReferralResult> {
  return db.transaction().execute(async (trx) => {
    const facts = await lockReferralFacts(trx, customerId)
    if (!facts?.rewards) return { result: 'nothing', status: 'not a referral' }
    const program = facts.rewards as unknown as ReferralProgram
    const currency = program.currency
    const rows = await listReferrerRewards(trx, facts.programId, facts.referrerPartnerId)
    const keyPrefix = `${facts.programId}:`
    const input = {
      program: { ...program, rounding: program.rounding ?? (facts.rounding as ReferralProgram['rounding']) },
      referral: {
        referralId: facts.customerId,
        referrerCustomerId: facts.referrerPartnerId,
        friendCustomerId: facts.customerId,
        referrer: { emailHash: facts.referrerEmailHash },
        friend: { emailHash: facts.friendEmailHash },
        firstPurchase: facts.firstPurchase
          ? {
              orderId: facts.firstPurchase.orderId,
              amount: {
                amountMinor: facts.firstPurchase.amountMinor,
                currency: facts.firstPurchase.currency,
              },
              refunded: {
                amountMinor: facts.firstPurchase.refundedMinor,
                currency: facts.firstPurchase.currency,
              },
              at: facts.firstPurchase.occurredAt,
            }
          : null,
        friendWasExistingCustomer: false,
      },
      history: history(rows, facts.customerId, program, currency),
      now,
    }
    const decided = evaluateReferralRewards(input)
    const row = (reward: IssuedReward, status: 'pending' | 'qualified' | 'issued', explanation: string) => ({
      program_id: facts.programId,
      referrer_partner_id: facts.referrerPartnerId,
      customer_id: facts.customerId,
      conversion_id: facts.firstPurchase?.conversionId ?? null,
      side: reward.recipient,
      reward_type: REWARD_TYPES[reward.type],
      amount_minor: reward.amount?.amountMinor ?? 0,
      percent_bps: reward.percentOff && 'bps' in reward.percentOff ? reward.percentOff.bps : 0,
      currency,
      status,
      milestone: reward.milestoneId
        ? (program.milestones.find((m) => m.id === reward.milestoneId)?.qualifiedReferrals ?? null)
        : null,
      explanation,
      idempotency_key: `${keyPrefix}${reward.key}`,
    })
    const audit = (action: string, data: Record<string, unknown>) =>
      insertAuditRow(trx, {
        actorType: 'system',
        actorId: 'jobs:referral-rewards',
        action,
        entityType: 'customer',
        entityId: facts.customerId,
        data: { program_id: facts.programId, referrer_partner_id: facts.referrerPartnerId, ...data },
      })
    const pending = await listPendingRewardKeys(trx, facts.programId, facts.customerId)

    if (decided.status === 'qualified') {
      let issued = 0
      const listed = new Set<string>()
      for (const reward of decided.rewards) {
        const key = `${keyPrefix}${reward.key}`
        listed.add(key)
        const status = reward.recipient === 'friend' ? 'issued' : 'qualified'
        const settled = await settlePendingRewardRow(trx, key, {
          status,
          amountMinor: reward.amount?.amountMinor ?? 0,
          explanation: reward.reason,
        })
        if (settled || (await insertRewardRow(trx, row(reward, status, reward.reason)))) issued++
      }
      const reason = decided.reasons.join(' ')
      let voided = 0
      for (const key of pending.filter((k) => !listed.has(k))) {
        if (await settlePendingRewardRow(trx, key, { status: 'void', explanation: `Not issued: ${reason}` }))
          voided++
      }
      if (issued + voided > 0) await audit('referral.qualified', { issued, voided, reasons: decided.reasons })
      return { result: 'qualified', issued, voided }
    }
    if (decided.status === 'not_qualified') {
      const reason = decided.reasons.join(' ')
      let voided = 0
      for (const key of pending) {
        if (await settlePendingRewardRow(trx, key, { status: 'void', explanation: `Void: ${reason}` }))
          voided++
      }
      if (voided > 0) await audit('referral.voided', { voided, reasons: decided.reasons })
      return { result: 'voided', voided, reason }
    }
    if (decided.status === 'on_hold' && decided.qualifiesAt) {
      // What core will issue once the hold ends, unless a refund changes it: pending until then.
      const projected = evaluateReferralRewards({ ...input, now: decided.qualifiesAt })
      let written = 0
      for (const reward of projected.rewards) {
        const issuedNow = decided.rewards.some((r) => r.key === reward.key) && reward.recipient === 'friend'
        const status = issuedNow ? 'issued' : 'pending'
        const why = issuedNow ? reward.reason : `${reward.reason} (pending: ${decided.reasons.join(' ')})`
        if (await insertRewardRow(trx, row(reward, status, why))) written++
      }
      if (written > 0)
        await audit('referral.projected', { rows: written, qualifies_at: decided.qualifiesAt.toISOString() })
      return { result: 'on_hold', projected: written, qualifiesAt: decided.qualifiesAt }
    }
    return { result: 'nothing', status: decided.status }
  })
}

/** The referrer's history before this referral, from their settled rows (not this friend's). */
function history(
  rows: readonly RewardRow[],
  customerId: string,
  program: ReferralProgram,
  currency: string,
): ReferrerHistory {
  const settled = rows.filter(
    (r) =>
      r.side === 'referrer' &&
      (r.status === 'qualified' || r.status === 'issued') &&
      r.customerId !== customerId,
  )
  const referrals = new Set(settled.filter((r) => r.milestone === null).map((r) => r.customerId))
  const milestones = settled.flatMap((r) => {
    const m = program.milestones.find((x) => x.qualifiedReferrals === r.milestone)
    return m ? [m.id] : []
  })
  return {
    qualifiedReferrals: referrals.size,
    rewardedReferrals: referrals.size,
    rewardValueIssued: { amountMinor: settled.reduce((sum, r) => sum + r.amountMinor, 0), currency },
    milestonesReached: milestones,
  }
}

/**
 * The referral-rewards sweep: settles every referred friend who has bought and whose referrer
 * reward is not settled yet (pending rows, or a first purchase within the hold plus `graceDays`:
 * a job stopped longer than that misses referrals it never saw), first purchase first. One transaction each; a program whose rewards
 * configuration core refuses is logged and skipped.
 */
export async function settleDueReferrals(
  db: Kysely<Database>,
  now: Date,
  opts: { limit?: number; graceDays?: number; log?: (line: string) => void } = {},
): Promise<{ qualified: number; voided: number; onHold: number; failed: number }> {
  // Counts referrals whose rows changed (a re-evaluation that writes nothing is not counted).
  const summary = { qualified: 0, voided: 0, onHold: 0, failed: 0 }
  const due = await findUnsettledReferrals(db, {
    now,
    graceDays: opts.graceDays ?? 7,
    limit: opts.limit ?? 500,
  })
  for (const id of due) {
    try {
      const r = await settleReferral(db, id, now)
      if (r.result === 'qualified' && r.issued + r.voided > 0) summary.qualified++
      else if (r.result === 'voided' && r.voided > 0) summary.voided++
      else if (r.result === 'on_hold' && r.projected > 0) summary.onHold++
    } catch (error) {
      summary.failed++
      const what = error instanceof CoreError ? `rewards configuration: ${error.message}` : String(error)
      opts.log?.(`referral rewards: customer ${id}: ${what}`)
    }
  }
  return summary
}
