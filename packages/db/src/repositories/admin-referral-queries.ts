import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface AmbassadorRow {
  partnerId: string
  name: string
  email: string
  status: string
  /** Friends they referred (customers of the program with them as referrer). */
  referrals: number
  /** Referral conversions: sales of those friends. */
  conversions: number
  rewards: { status: string; currency: string; count: number; amountMinor: number }[]
}

/** A referral program's ambassadors: referrals, referral sales, and their rewards by status. */
export async function listAmbassadors(db: Kysely<Database>, programId: string): Promise<AmbassadorRow[]> {
  const partners = await db
    .selectFrom('program_enrollments as e')
    .innerJoin('partners as p', 'p.id', 'e.partner_id')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.email',
      'e.status',
      eb
        .selectFrom('customers as cu')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('cu.referrer_partner_id', '=', 'p.id')
        .where('cu.program_id', '=', programId)
        .as('referrals'),
      eb
        .selectFrom('conversions as c')
        .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('cu.referrer_partner_id', '=', 'p.id')
        .where('c.program_id', '=', programId)
        .where('c.superseded_by', 'is', null)
        .as('conversions'),
    ])
    .where('e.program_id', '=', programId)
    .orderBy('p.name')
    .limit(500)
    .execute()
  const rewards = await db
    .selectFrom('referral_rewards')
    .select([
      'referrer_partner_id',
      'status',
      'currency',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`coalesce(sum(amount_minor), 0)::bigint`.as('amount'),
    ])
    .where('program_id', '=', programId)
    .where('side', '=', 'referrer')
    .groupBy(['referrer_partner_id', 'status', 'currency'])
    .execute()
  const byPartner = new Map<string, AmbassadorRow['rewards']>()
  for (const r of rewards) {
    if (!r.referrer_partner_id) continue
    const list = byPartner.get(r.referrer_partner_id) ?? []
    list.push({
      status: r.status,
      currency: r.currency.trim(),
      count: Number(r.n),
      amountMinor: Number(r.amount),
    })
    byPartner.set(r.referrer_partner_id, list)
  }
  return partners.map((p) => ({
    partnerId: p.id,
    name: p.name,
    email: p.email,
    status: p.status,
    referrals: Number(p.referrals ?? 0),
    conversions: Number(p.conversions ?? 0),
    rewards: byPartner.get(p.id) ?? [],
  }))
}

export interface RewardListItem {
  id: string
  side: 'referrer' | 'friend'
  referrerName: string | null
  customerExternalId: string | null
  rewardType: string
  amountMinor: number
  percentBps: number
  currency: string
  status: string
  milestone: number | null
  explanation: string
  createdAt: Date
}

/** A referral program's rewards, newest first (both sides), optionally of one status. */
export async function listReferralRewards(
  db: Kysely<Database>,
  p: { programId: string; status?: string | undefined; limit: number },
): Promise<RewardListItem[]> {
  const rows = await db
    .selectFrom('referral_rewards as r')
    .leftJoin('partners as p', 'p.id', 'r.referrer_partner_id')
    .leftJoin('customers as cu', 'cu.id', 'r.customer_id')
    .select([
      'r.id',
      'r.side',
      'p.name as referrer_name',
      'cu.external_id',
      'r.reward_type',
      'r.amount_minor',
      'r.percent_bps',
      'r.currency',
      'r.status',
      'r.milestone',
      'r.explanation',
      'r.created_at',
    ])
    .where('r.program_id', '=', p.programId)
    .$if(Boolean(p.status), (q) => q.where('r.status', '=', p.status as 'pending'))
    .orderBy('r.created_at', 'desc')
    .limit(p.limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    side: r.side,
    referrerName: r.referrer_name,
    customerExternalId: r.external_id,
    rewardType: r.reward_type,
    amountMinor: r.amount_minor,
    percentBps: r.percent_bps,
    currency: r.currency.trim(),
    status: r.status,
    milestone: r.milestone,
    explanation: r.explanation,
    createdAt: r.created_at,
  }))
}
