import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/** An ambassador's side of a referral program (read models; every query is one partner's). */

export async function countFriendInvitationsSince(
  db: Kysely<Database>,
  partnerId: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('friend_invitations')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('partner_id', '=', partnerId)
    .where('created_at', '>=', since)
    .executeTakeFirst()
  return row?.n ?? 0
}

export async function findRecentFriendInvitation(
  db: Kysely<Database>,
  p: { programId: string; emailHash: string; since: Date },
) {
  return db
    .selectFrom('friend_invitations')
    .select(['id', 'partner_id', 'created_at'])
    .where('program_id', '=', p.programId)
    .where('email_hash', '=', p.emailHash)
    .where('created_at', '>=', p.since)
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
}

export async function insertFriendInvitation(
  trx: Kysely<Database>,
  p: { programId: string; partnerId: string; emailHash: string; emailId: string; now: Date },
): Promise<void> {
  await trx
    .insertInto('friend_invitations')
    .values({
      program_id: p.programId,
      partner_id: p.partnerId,
      email_hash: p.emailHash,
      email_id: p.emailId,
      created_at: p.now,
    })
    .execute()
}

/** The referral programs the partner is approved in, with their rewards, a link and a code of theirs. */
export async function listAmbassadorPrograms(db: Kysely<Database>, partnerId: string) {
  return db
    .selectFrom('program_enrollments as e')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .select([
      'p.id',
      'p.name',
      'p.kind',
      'p.currency',
      'p.rewards',
      'p.leaderboard',
      (eb) =>
        eb
          .selectFrom('links as l')
          .select('l.code')
          .whereRef('l.program_id', '=', 'p.id')
          .where('l.partner_id', '=', partnerId)
          .where('l.status', '=', 'active')
          .orderBy('l.id')
          .limit(1)
          .as('link_code'),
      (eb) =>
        eb
          .selectFrom('coupons as c')
          .select('c.code')
          .whereRef('c.program_id', '=', 'p.id')
          .where('c.partner_id', '=', partnerId)
          .where('c.status', '=', 'active')
          .orderBy('c.created_at')
          .limit(1)
          .as('coupon_code'),
    ])
    .where('e.partner_id', '=', partnerId)
    .where('e.status', '=', 'approved')
    .where('p.status', '=', 'active')
    .orderBy(sql`p.kind = 'referral'`, 'desc')
    .orderBy('p.name')
    .execute()
}

/**
 * The friends a partner referred in a program: when they were referred, their first purchase, the
 * referrer reward it earned (status, amount, why) and the address the partner invited them at
 * (when they did: the partner knows it already).
 */
export async function listReferredFriends(db: Kysely<Database>, p: { partnerId: string; programId: string }) {
  return db
    .selectFrom('customers as c')
    .leftJoin('referral_rewards as r', (j) =>
      j
        .onRef('r.customer_id', '=', 'c.id')
        .on('r.side', '=', 'referrer')
        .on('r.milestone', 'is', null)
        .on('r.referrer_partner_id', '=', p.partnerId),
    )
    .select([
      'c.id',
      'c.referred_at',
      'c.first_seen_at',
      'r.status as reward_status',
      'r.reward_type',
      'r.amount_minor as reward_minor',
      'r.percent_bps',
      'r.currency as reward_currency',
      'r.explanation as reward_explanation',
      'r.created_at as reward_at',
      (eb) =>
        eb
          .selectFrom('conversions as v')
          .select(sql<Date>`min(v.occurred_at)`.as('first'))
          .whereRef('v.customer_id', '=', 'c.id')
          .where('v.event', '=', 'sale')
          .where('v.status', '<>', 'rejected')
          .where('v.superseded_by', 'is', null)
          .as('first_purchase_at'),
      (eb) =>
        eb
          .selectFrom('friend_invitations as f')
          .innerJoin('emails as m', 'm.id', 'f.email_id')
          .select('m.to_address')
          .whereRef('f.email_hash', '=', 'c.email_hash')
          .where('f.partner_id', '=', p.partnerId)
          .limit(1)
          .as('invited_as'),
    ])
    .where('c.program_id', '=', p.programId)
    .where('c.referrer_partner_id', '=', p.partnerId)
    .orderBy('c.referred_at', 'desc')
    .limit(500)
    .execute()
}

/** The partner's invitations of friends in a program, newest first. */
export async function listFriendInvitations(
  db: Kysely<Database>,
  p: { partnerId: string; programId: string },
) {
  return db
    .selectFrom('friend_invitations as f')
    .leftJoin('emails as m', 'm.id', 'f.email_id')
    .select(['f.id', 'f.created_at', 'm.to_address', 'm.status as email_status'])
    .where('f.partner_id', '=', p.partnerId)
    .where('f.program_id', '=', p.programId)
    .orderBy('f.created_at', 'desc')
    .limit(100)
    .execute()
}

/** Milestone rewards the partner reached in a program. */
export async function listMilestoneRewards(
  db: Kysely<Database>,
  p: { partnerId: string; programId: string },
) {
  return db
    .selectFrom('referral_rewards')
    .select(['milestone', 'status', 'reward_type', 'amount_minor', 'currency', 'created_at'])
    .where('program_id', '=', p.programId)
    .where('referrer_partner_id', '=', p.partnerId)
    .where('milestone', 'is not', null)
    .execute()
}

/**
 * A program's referrers ranked by qualified referrals (ties: earliest first), with the name each
 * chose to show (null: they did not consent and stay anonymous).
 */
export async function referralLeaderboard(db: Kysely<Database>, programId: string, limit: number) {
  return db
    .selectFrom('referral_rewards as r')
    .leftJoin('partner_profiles as f', 'f.partner_id', 'r.referrer_partner_id')
    .select([
      'r.referrer_partner_id as partner_id',
      'f.leaderboard_name',
      sql<number>`count(distinct r.customer_id)::int`.as('referrals'),
      sql<Date>`min(r.created_at)`.as('since'),
    ])
    .where('r.program_id', '=', programId)
    .where('r.side', '=', 'referrer')
    .where('r.milestone', 'is', null)
    .where('r.status', 'in', ['qualified', 'issued'])
    .where('r.referrer_partner_id', 'is not', null)
    .groupBy(['r.referrer_partner_id', 'f.leaderboard_name'])
    .orderBy(sql`3`, 'desc')
    .orderBy(sql`4`)
    .limit(limit)
    .execute()
}
