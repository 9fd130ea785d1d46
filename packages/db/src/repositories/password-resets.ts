import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/** One-time password reset links (table password_resets, migration 0009): only the token's hash is kept. */

/** The enabled user an email names, for a reset (compared case-insensitively). */
export async function findResettableUser(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('partners as p', 'p.id', 'u.partner_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.kind',
      'u.partner_id',
      'u.disabled_at',
      'p.status as partner_status',
    ])
    .where(sql<string>`lower(u.email)`, '=', email.toLowerCase())
    .executeTakeFirst()
}

export async function countPasswordResetsSince(
  db: Kysely<Database>,
  userId: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('password_resets')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>=', since)
    .executeTakeFirst()
  return row?.n ?? 0
}

export async function insertPasswordReset(
  trx: Kysely<Database>,
  r: { userId: string; tokenHash: string; now: Date; expiresAt: Date },
): Promise<{ id: string }> {
  return trx
    .insertInto('password_resets')
    .values({ user_id: r.userId, token_hash: r.tokenHash, created_at: r.now, expires_at: r.expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** The reset a token names, locked, with its user. */
export async function lockPasswordReset(trx: Kysely<Database>, tokenHash: string) {
  return trx
    .selectFrom('password_resets as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.user_id', 'r.expires_at', 'r.used_at', 'u.email', 'u.kind', 'u.disabled_at'])
    .where('r.token_hash', '=', tokenHash)
    .forUpdate('r')
    .executeTakeFirst()
}

/** Uses a reset: it and every other open reset of the user stop working. */
export async function closePasswordResets(trx: Kysely<Database>, userId: string, now: Date): Promise<void> {
  await trx
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute()
}

/** Every session of the user ends (a new password logs out everyone who had the old one). */
export async function deleteSessionsOfUser(trx: Kysely<Database>, userId: string): Promise<number> {
  const r = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
  return Number(r.numDeletedRows)
}

/** An open invitation by its token hash, for the set-password page (no lock: a read). */
export async function findInvitationByTokenHash(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('invitations as i')
    .leftJoin('partners as p', 'p.id', 'i.partner_id')
    .select([
      'i.id',
      'i.kind',
      'i.email',
      'i.name',
      'i.expires_at',
      'i.accepted_at',
      'p.name as partner_name',
    ])
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst()
}
