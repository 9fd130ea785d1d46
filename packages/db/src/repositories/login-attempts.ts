import { type Kysely, sql } from 'kysely'
import type { Database, LoginAttemptScope } from '../postgres/schema.ts'

/**
 * The login limiter's counters (table login_attempts, migration 0006). Callers pass subjects
 * already reduced to a fixed-length digest; the policy (limits, windows, keys) is the caller's.
 */

export interface LoginSubject {
  scope: LoginAttemptScope
  subject: string
}

export interface ReservedAttempt extends LoginSubject {
  /** Attempts in the current window, this one included. */
  attempts: number
  windowStart: Date
}

/**
 * Counts one attempt for each subject, atomically: one INSERT … ON CONFLICT DO UPDATE … RETURNING,
 * so concurrent logins queue on each row's lock and every one sees a distinct count. A window that
 * ended by `now` starts over at 1. Subjects are written in the order given (callers keep one order,
 * account before address, so two logins never wait on each other's rows crosswise).
 */
export async function reserveLoginAttempts(
  db: Kysely<Database>,
  p: { subjects: readonly LoginSubject[]; now: Date; windowMs: number },
): Promise<ReservedAttempt[]> {
  if (p.subjects.length === 0) return []
  const windowEndedBy = new Date(p.now.getTime() - p.windowMs)
  const stale = sql<boolean>`login_attempts.window_start <= ${windowEndedBy}`
  const rows = await db
    .insertInto('login_attempts')
    .values(p.subjects.map((s) => ({ scope: s.scope, subject: s.subject, window_start: p.now, attempts: 1 })))
    .onConflict((oc) =>
      oc.columns(['scope', 'subject']).doUpdateSet({
        attempts: sql<number>`case when ${stale} then 1 else login_attempts.attempts + 1 end`,
        window_start: sql<Date>`case when ${stale} then excluded.window_start else login_attempts.window_start end`,
      }),
    )
    .returning(['scope', 'subject', 'attempts', 'window_start'])
    .execute()
  return rows.map((r) => ({
    scope: r.scope,
    subject: r.subject,
    attempts: r.attempts,
    windowStart: r.window_start,
  }))
}

/**
 * A successful login: the account's counter goes (its failures are forgiven) and the address gives
 * back the one attempt this login reserved (its other failures still count).
 */
export async function forgiveLoginAttempts(
  db: Kysely<Database>,
  p: { account: string; address: string | null },
): Promise<void> {
  await db
    .deleteFrom('login_attempts')
    .where('scope', '=', 'account')
    .where('subject', '=', p.account)
    .execute()
  if (p.address !== null) {
    await db
      .updateTable('login_attempts')
      .set({ attempts: sql<number>`greatest(attempts - 1, 0)` })
      .where('scope', '=', 'address')
      .where('subject', '=', p.address)
      .execute()
  }
}

/** Deletes counters whose window started at or before `before` (they count nothing any more). */
export async function deleteStaleLoginAttempts(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await db.deleteFrom('login_attempts').where('window_start', '<=', before).executeTakeFirst()
  return Number(r.numDeletedRows)
}
