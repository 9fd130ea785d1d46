import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/**
 * What the public join page of a program shows and what an application needs: no secrets
 * (postback token, HMAC secret) and nothing of any partner.
 */
export interface JoinProgram {
  id: string
  slug: string
  name: string
  kind: 'affiliate' | 'referral'
  status: 'active' | 'paused' | 'archived'
  currency: string
  description: string | null
  terms: string | null
  applications: 'review' | 'auto' | 'closed'
  cookieDays: number
  holdDays: number
  payoutThresholdMinor: number
  payoutSchedule: 'manual' | 'weekly' | 'monthly'
  allowedDomains: string[]
  defaultLandingUrl: string
  /** The rules in force now (core CommissionRule JSON), program-wide ones only. */
  rules: Record<string, unknown>[]
  /** programs.rewards (referral programs). */
  rewards: Record<string, unknown> | null
}

export async function findJoinProgram(
  db: Kysely<Database>,
  ref: { slug: string } | { id: string },
  now: Date,
): Promise<JoinProgram | null> {
  const q = db
    .selectFrom('programs as p')
    .select([
      'p.id',
      'p.slug',
      'p.name',
      'p.kind',
      'p.status',
      'p.currency',
      'p.description',
      'p.terms',
      'p.applications',
      'p.cookie_days',
      'p.hold_days',
      'p.payout_threshold_minor',
      'p.payout_schedule',
      'p.allowed_domains',
      'p.default_landing_url',
      'p.rewards',
      (eb) =>
        eb
          .selectFrom('rule_set_versions as v')
          .select('v.rules')
          .whereRef('v.program_id', '=', 'p.id')
          .where('v.effective_from', '<=', now)
          .orderBy('v.effective_from', 'desc')
          .orderBy('v.version', 'desc')
          .limit(1)
          .as('rules'),
    ])
  const row = await ('slug' in ref
    ? q.where('p.slug', '=', ref.slug)
    : q.where('p.id', '=', ref.id)
  ).executeTakeFirst()
  if (!row) return null
  const rules = (Array.isArray(row.rules) ? row.rules : []) as Record<string, unknown>[]
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    status: row.status,
    currency: row.currency.trim(),
    description: row.description,
    terms: row.terms,
    applications: row.applications,
    cookieDays: row.cookie_days,
    holdDays: row.hold_days,
    payoutThresholdMinor: row.payout_threshold_minor,
    payoutSchedule: row.payout_schedule,
    allowedDomains: row.allowed_domains,
    defaultLandingUrl: row.default_landing_url,
    rules: rules.filter((r) => r.scope === undefined || r.scope === null),
    rewards: row.rewards,
  }
}

/** Programs a partner can see: those they are enrolled in (any status) and those open to applications. */
export async function listJoinablePrograms(db: Kysely<Database>, partnerId: string) {
  return db
    .selectFrom('programs as p')
    .leftJoin('program_enrollments as e', (j) =>
      j.onRef('e.program_id', '=', 'p.id').on('e.partner_id', '=', partnerId),
    )
    .select([
      'p.id',
      'p.slug',
      'p.name',
      'p.kind',
      'p.currency',
      'p.description',
      'p.applications',
      'e.status as enrollment_status',
      'e.created_at as enrolled_at',
    ])
    .where('p.status', '=', 'active')
    .where((eb) => eb.or([eb('e.partner_id', 'is not', null), eb('p.applications', '<>', 'closed')]))
    .orderBy(sql`e.partner_id is null`)
    .orderBy('p.name')
    .execute()
}

/** Stores what an applicant wrote with their enrollment. */
export async function setEnrollmentApplication(
  trx: Kysely<Database>,
  programId: string,
  partnerId: string,
  application: Record<string, unknown>,
): Promise<void> {
  await trx
    .updateTable('program_enrollments')
    .set({ application: JSON.stringify(application) })
    .where('program_id', '=', programId)
    .where('partner_id', '=', partnerId)
    .execute()
}

/** Whether the partner has a portal login. */
export async function partnerHasUser(db: Kysely<Database>, partnerId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('partner_id', '=', partnerId).executeTakeFirst()
  return row !== undefined
}

export async function findProgramName(db: Kysely<Database>, programId: string): Promise<string | null> {
  const row = await db.selectFrom('programs').select('name').where('id', '=', programId).executeTakeFirst()
  return row?.name ?? null
}
