import {
  type Database,
  deleteDeadSessionsOfUser,
  deleteSession,
  findSessionWithUser,
  insertSession,
  touchSession,
} from '@tandem/db'
import type { Kysely } from 'kysely'
import type { SessionUser } from '../schemas/auth.ts'
import { type Portal, type SessionPolicy, TOUCH_INTERVAL_MS } from './session-policy.ts'
import { looksLikeToken, newSessionToken, sessionIdOf } from './session-token.ts'

// The rows live in @tandem/db's sessions repository; re-exported here for the server's public API.
export { deleteExpiredSessions, deleteSession } from '@tandem/db'

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
  await deleteDeadSessionsOfUser(db, {
    userId: args.userId,
    now: args.now,
    idleSince: new Date(args.now.getTime() - args.policy.idleMs),
  })
  const expiresAt = new Date(args.now.getTime() + args.policy.absoluteMs)
  await insertSession(db, {
    id,
    userId: args.userId,
    createdAt: args.now,
    expiresAt,
    ip: args.ip,
    userAgent: args.userAgent,
  })
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
  const row = await findSessionWithUser(db, id)
  if (!row) return null

  const now = args.now.getTime()
  const expired =
    row.expiresAt.getTime() <= now ||
    row.lastSeenAt.getTime() + args.policy.idleMs <= now ||
    row.disabledAt !== null ||
    row.partnerStatus === 'deactivated'
  if (expired) {
    await deleteSession(db, id)
    return null
  }
  // A valid session of the other portal's user is not a session here (and is left alone).
  if (row.kind !== args.portal) return null

  if (now - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) await touchSession(db, id, args.now)
  return {
    id,
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      kind: row.kind,
      adminRole: row.adminRole,
      partnerId: row.partnerId,
      partnerName: row.partnerName,
    },
  }
}
