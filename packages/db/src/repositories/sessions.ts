import type { Kysely } from 'kysely'
import type { AdminRole, Database } from '../postgres/schema.ts'

/** Sessions rows. The id is the sha256 of the cookie token; tokens and policy are the caller's. */

export interface NewSession {
  id: string
  userId: string
  createdAt: Date
  expiresAt: Date
  ip: string | null
  userAgent: string | null
}

/** Longest user agent kept: a client chooses it, the table should not grow with it. */
const USER_AGENT_MAX = 512

export async function insertSession(db: Kysely<Database>, s: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
      last_seen_at: s.createdAt,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    })
    .execute()
}

/** Deletes a user's sessions that expired by `now` or were last seen at or before `idleSince`. */
export async function deleteDeadSessionsOfUser(
  db: Kysely<Database>,
  p: { userId: string; now: Date; idleSince: Date },
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', p.userId)
    .where((eb) => eb.or([eb('expires_at', '<=', p.now), eb('last_seen_at', '<=', p.idleSince)]))
    .execute()
}

/** A session with its user and the user's partner, as a session check needs them. */
export interface SessionWithUser {
  sessionId: string
  expiresAt: Date
  lastSeenAt: Date
  userId: string
  email: string
  name: string
  kind: 'admin' | 'partner'
  adminRole: AdminRole | null
  partnerId: string | null
  disabledAt: Date | null
  partnerName: string | null
  partnerStatus: 'active' | 'suspended' | 'deactivated' | null
}

export async function findSessionWithUser(
  db: Kysely<Database>,
  sessionId: string,
): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('partners as p', 'p.id', 'u.partner_id')
    .select([
      's.id as session_id',
      's.expires_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.email',
      'u.name',
      'u.kind',
      'u.admin_role',
      'u.partner_id',
      'u.disabled_at',
      'p.name as partner_name',
      'p.status as partner_status',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    sessionId: row.session_id,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    kind: row.kind,
    adminRole: row.admin_role,
    partnerId: row.partner_id,
    disabledAt: row.disabled_at,
    partnerName: row.partner_name,
    partnerStatus: row.partner_status,
  }
}

/** Slides a session's last_seen_at (idle expiry counts from it). */
export async function touchSession(db: Kysely<Database>, sessionId: string, lastSeenAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', sessionId).execute()
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
}

/** Deletes sessions past their expiry; returns how many. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
  return Number(r.numDeletedRows)
}
