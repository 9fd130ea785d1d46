import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/** A partner's own settings (partner_profiles, migration 0009; payout columns on partners). */
export async function findPartnerSettings(db: Kysely<Database>, partnerId: string) {
  return db
    .selectFrom('partners as p')
    .leftJoin('partner_profiles as f', 'f.partner_id', 'p.id')
    .select([
      'p.id',
      'p.name',
      'p.email',
      'p.type',
      'p.country',
      'p.payout_method',
      'p.payout_details',
      'p.payout_currency',
      'f.legal_name',
      'f.address',
      'f.tax',
      'f.notifications',
      'f.leaderboard_name',
      'f.updated_at',
    ])
    .where('p.id', '=', partnerId)
    .executeTakeFirst()
}

export async function lockPartnerProfile(trx: Kysely<Database>, partnerId: string) {
  return trx
    .selectFrom('partner_profiles')
    .selectAll()
    .where('partner_id', '=', partnerId)
    .forUpdate()
    .executeTakeFirst()
}

/** Writes the profile fields given (others keep their value). */
export async function upsertPartnerProfile(
  trx: Kysely<Database>,
  partnerId: string,
  patch: {
    legal_name?: string | null
    address?: Record<string, unknown> | null
    tax?: Record<string, unknown> | null
    notifications?: Record<string, boolean>
    leaderboard_name?: string | null
  },
  now: Date,
): Promise<void> {
  const values = {
    ...patch,
    ...(patch.address !== undefined
      ? { address: patch.address === null ? null : JSON.stringify(patch.address) }
      : {}),
    ...(patch.tax !== undefined ? { tax: patch.tax === null ? null : JSON.stringify(patch.tax) } : {}),
    ...(patch.notifications !== undefined ? { notifications: JSON.stringify(patch.notifications) } : {}),
    updated_at: now,
  }
  await trx
    .insertInto('partner_profiles')
    .values({ partner_id: partnerId, notifications: JSON.stringify(patch.notifications ?? {}), ...values })
    .onConflict((oc) => oc.column('partner_id').doUpdateSet(values))
    .execute()
}

/** The partner's postbacks, one per program they are enrolled in (null template: none set). */
export async function listPartnerPostbacks(db: Kysely<Database>, partnerId: string) {
  return db
    .selectFrom('program_enrollments as e')
    .innerJoin('programs as g', 'g.id', 'e.program_id')
    .leftJoin('partner_postbacks as b', (j) =>
      j.onRef('b.program_id', '=', 'e.program_id').onRef('b.partner_id', '=', 'e.partner_id'),
    )
    .select([
      'g.id as program_id',
      'g.name as program_name',
      'b.id as postback_id',
      'b.url_template',
      'b.events',
      'b.active',
      'b.updated_at',
    ])
    .where('e.partner_id', '=', partnerId)
    .where('e.status', '=', 'approved')
    .orderBy('g.name')
    .execute()
}

/**
 * A test event for one postback, already marked dispatched (the relay leaves it alone: it is sent
 * once, at once, by the caller, and never retried).
 */
export async function insertTestOutboxRow(
  trx: Kysely<Database>,
  p: { postbackId: string; payload: Record<string, unknown>; now: Date },
): Promise<{ id: number; eventId: string }> {
  const row = await trx
    .insertInto('outbox')
    .values({
      endpoint_id: null,
      postback_id: p.postbackId,
      topic: 'postback.test',
      payload: JSON.stringify({ topic: 'postback.test', ...p.payload }),
      next_attempt_at: p.now,
      created_at: p.now,
      dispatched_at: p.now,
    })
    .returning(['id', 'event_id'])
    .executeTakeFirstOrThrow()
  return { id: row.id, eventId: row.event_id }
}

/** The delivery log of one partner's postbacks, newest first (only theirs: joined on the partner). */
export async function listPartnerPostbackDeliveries(
  db: Kysely<Database>,
  p: { partnerId: string; programId?: string | undefined; limit: number },
) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('partner_postbacks as b', 'b.id', 'd.postback_id')
    .innerJoin('outbox as o', 'o.id', 'd.outbox_id')
    .select([
      'd.id',
      'd.attempt',
      'd.url',
      'd.status',
      'd.status_code',
      'd.latency_ms',
      'd.response_excerpt',
      'd.error',
      'd.started_at',
      'o.topic',
      'b.program_id',
    ])
    .where('b.partner_id', '=', p.partnerId)
    .$if(p.programId !== undefined, (q) => q.where('b.program_id', '=', p.programId!))
    .orderBy('d.id', 'desc')
    .limit(p.limit)
    .execute()
}
