import { type Kysely, sql } from 'kysely'
import type { Database, ReferralRewardsTable } from '../postgres/schema.ts'

/**
 * Referred friends (customers of a referral program with a referrer) who have bought and whose
 * referrer reward is not settled yet (no qualified, issued or void referrer row), first purchase
 * first: caps and milestones depend on the order referrals qualify in. Only those that can still
 * change: with pending rows, or a first purchase within the hold plus `graceDays` (a referral
 * capped or not qualified leaves no row, and its outcome no longer changes after the hold).
 */
export async function findUnsettledReferrals(
  db: Kysely<Database>,
  q: { now: Date; graceDays: number; limit: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('customers as c')
    .innerJoin('programs as p', 'p.id', 'c.program_id')
    .innerJoin('conversions as v', (j) =>
      j.onRef('v.customer_id', '=', 'c.id').onRef('v.program_id', '=', 'c.program_id'),
    )
    .select(['c.id', sql<Date>`min(v.occurred_at)`.as('first_at')])
    .where('p.kind', '=', 'referral')
    .where('c.referrer_partner_id', 'is not', null)
    .where('v.event', '=', 'sale')
    .where('v.status', '!=', 'rejected')
    .where('v.superseded_by', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('referral_rewards as r')
            .select('r.id')
            .whereRef('r.customer_id', '=', 'c.id')
            .whereRef('r.program_id', '=', 'c.program_id')
            .where('r.side', '=', 'referrer')
            .where('r.milestone', 'is', null)
            .where('r.status', 'in', ['qualified', 'issued', 'void']),
        ),
      ),
    )
    .groupBy(['c.id', 'p.rewards'])
    .having(({ or, exists, selectFrom }) =>
      or([
        sql<boolean>`min(v.occurred_at) >= ${q.now}::timestamptz - make_interval(days => coalesce((p.rewards->'qualification'->>'holdDays')::int, 0) + ${q.graceDays})`,
        exists(
          selectFrom('referral_rewards as r')
            .select('r.id')
            .whereRef('r.customer_id', '=', 'c.id')
            .where('r.status', '=', 'pending'),
        ),
      ]),
    )
    .orderBy('first_at')
    .limit(q.limit)
    .execute()
  return rows.map((r) => r.id)
}

export interface ReferralFactsRow {
  customerId: string
  programId: string
  referrerPartnerId: string
  friendEmailHash: string | null
  referrerEmailHash: string
  /** programs.rewards: a core ReferralProgram (core validates it). */
  rewards: Record<string, unknown> | null
  rounding: string
  firstPurchase: {
    conversionId: string
    orderId: string
    amountMinor: number
    refundedMinor: number
    currency: string
    occurredAt: Date
  } | null
}

/**
 * The friend's customer row locked for the caller's transaction (two workers settling the same
 * referral run one after the other), with what core needs to decide its rewards.
 */
export async function lockReferralFacts(
  trx: Kysely<Database>,
  customerId: string,
): Promise<ReferralFactsRow | null> {
  const c = await trx
    .selectFrom('customers as c')
    .innerJoin('programs as p', 'p.id', 'c.program_id')
    .innerJoin('partners as r', 'r.id', 'c.referrer_partner_id')
    .select([
      'c.id',
      'c.program_id',
      'c.referrer_partner_id',
      'c.email_hash',
      'r.email_hash as referrer_email_hash',
      'p.rewards',
      'p.rounding_mode',
    ])
    .where('c.id', '=', customerId)
    .forUpdate('c')
    .executeTakeFirst()
  if (!c?.referrer_partner_id) return null
  const first = await trx
    .selectFrom('conversions')
    .select(['id', 'order_id', 'amount_minor', 'refunded_minor', 'currency', 'occurred_at'])
    .where('customer_id', '=', customerId)
    .where('program_id', '=', c.program_id)
    .where('event', '=', 'sale')
    .where('status', '!=', 'rejected')
    .where('superseded_by', 'is', null)
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
  return {
    customerId: c.id,
    programId: c.program_id,
    referrerPartnerId: c.referrer_partner_id,
    friendEmailHash: c.email_hash,
    referrerEmailHash: c.referrer_email_hash,
    rewards: c.rewards,
    rounding: c.rounding_mode,
    firstPurchase: first
      ? {
          conversionId: first.id,
          orderId: first.order_id,
          amountMinor: first.amount_minor,
          refundedMinor: first.refunded_minor,
          currency: first.currency.trim(),
          occurredAt: first.occurred_at,
        }
      : null,
  }
}

export interface RewardRow {
  idempotencyKey: string
  customerId: string | null
  side: ReferralRewardsTable['side']
  status: ReferralRewardsTable['status']
  amountMinor: number
  milestone: number | null
}

/** A referrer's reward rows in a program (their history: counts, value issued, milestones). */
export async function listReferrerRewards(
  db: Kysely<Database>,
  programId: string,
  referrerPartnerId: string,
): Promise<RewardRow[]> {
  const rows = await db
    .selectFrom('referral_rewards')
    .select(['idempotency_key', 'customer_id', 'side', 'status', 'amount_minor', 'milestone'])
    .where('program_id', '=', programId)
    .where('referrer_partner_id', '=', referrerPartnerId)
    .execute()
  return rows.map((r) => ({
    idempotencyKey: r.idempotency_key,
    customerId: r.customer_id,
    side: r.side,
    status: r.status,
    amountMinor: r.amount_minor,
    milestone: r.milestone,
  }))
}

export type NewRewardRow = Omit<
  ReferralRewardsTable,
  'id' | 'created_at' | 'amount_minor' | 'percent_bps'
> & {
  amount_minor: number
  percent_bps: number
}

/** Inserts a reward row; an existing row with the same idempotency key is left as it is. */
export async function insertRewardRow(trx: Kysely<Database>, row: NewRewardRow): Promise<boolean> {
  const inserted = await trx
    .insertInto('referral_rewards')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}

/** Moves a pending row to its final status (qualified, issued or void), with what core decided. */
export async function settlePendingRewardRow(
  trx: Kysely<Database>,
  idempotencyKey: string,
  change: {
    status: 'qualified' | 'issued' | 'void'
    amountMinor?: number
    percentBps?: number
    explanation: string
  },
): Promise<boolean> {
  const r = await trx
    .updateTable('referral_rewards')
    .set({
      status: change.status,
      explanation: change.explanation,
      ...(change.amountMinor !== undefined ? { amount_minor: change.amountMinor } : {}),
      ...(change.percentBps !== undefined ? { percent_bps: change.percentBps } : {}),
    })
    .where('idempotency_key', '=', idempotencyKey)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** The pending rows of one referral (the friend's rows and the referrer rows it projected). */
export async function listPendingRewardKeys(
  trx: Kysely<Database>,
  programId: string,
  customerId: string,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('referral_rewards')
    .select('idempotency_key')
    .where('program_id', '=', programId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'pending')
    .execute()
  return rows.map((r) => r.idempotency_key)
}
