import type { Database } from '@tandem/db'
import type { Kysely } from 'kysely'
import type { SessionUser } from '../schemas/auth.ts'
import { type Portal, type SessionPolicy, TOUCH_INTERVAL_MS } from './session-policy.ts'
import { looksLikeToken, newSessionToken, sessionIdOf } from './session-token.ts'

export interface LoadedSession {
  id: string
  user: SessionUser
}

/** Starts a session for a user; returns the token for the cookie. */
export async function createSession(
  db: Kysely<Database>,
  args: { userId: string; policy: SessionPolicy; now: Date; ip: string | null; userAgent: string | null },
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const { token, id } = newSessionToken()
  // Housekeeping on the way in: this user's dead sessions go (loadSession refuses them anyway).
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', args.userId)
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', args.now),
        eb('last_seen_at', '<=', new Date(args.now.getTime() - args.policy.idleMs)),
      ]),
    )
    .execute()
  const expiresAt = new Date(args.now.getTime() + args.policy.absoluteMs)
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: args.userId,
      created_at: args.now,
      expires_at: expiresAt,
      last_seen_at: args.now,
      ip: args.ip,
      user_agent: args.userAgent?.slice(0, 512) ?? null,
    })
    .execute()
  return { token, id, expiresAt }
}

/**
 * The session a cookie token names, if it is alive and belongs to a user of this portal.
 * Expired sessions, and sessions of disabled users, are deleted on sight. Slides last_seen_at.
 */
export async function loadSession(
  db: Kysely<Database>,
  args: { token: string; portal: Portal; policy: SessionPolicy; now: Date },
): Promise<LoadedSession | null> {
  if (!looksLikeToken(args.token)) return null
  const id = sessionIdOf(args.token)
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
    .where('s.id', '=', id)
    .executeTakeFirst()
  if (!row) return null

  const now = args.now.getTime()
  const expired =
    row.expires_at.getTime() <= now ||
    row.last_seen_at.getTime() + args.policy.idleMs <= now ||
    row.disabled_at !== null ||
    row.partner_status === 'deactivated'
  if (expired) {
    await deleteSession(db, id)
    return null
  }
  // A valid session of the other portal's user is not a session here (and is left alone).
  if (row.kind !== args.portal) return null

  if (now - row.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: args.now }).where('id', '=', id).execute()
  }
  return {
    id,
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      kind: row.kind,
      adminRole: row.admin_role,
      partnerId: row.partner_id,
      partnerName: row.partner_name,
    },
  }
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

/** Removes every expired session (housekeeping; loadSession already refuses them). */
export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
  return Number(result.numDeletedRows)
}
