import { createHash } from 'node:crypto'
import { type Database, reserveLoginAttempts } from '@tandem/db'
import type { Kysely } from 'kysely'
import { addressLimitKey } from '../http/client-address.ts'

/** The login limiter's window: its sweep deletes counters older than that, so other limits share it. */
const WINDOW_MS = 15 * 60_000

/**
 * Limits public actions per client address (applications, password reset requests), counted in
 * Postgres like logins (table login_attempts, under a digest naming the action): every replica
 * shares the count. Answers how long to wait, or null when the action may go ahead.
 */
export async function limitPerAddress(
  db: Kysely<Database>,
  p: { action: string; address: string | null; max: number; now: Date },
): Promise<number | null> {
  if (p.address === null) return null
  const subject = createHash('sha256')
    .update(`${p.action}:${addressLimitKey(p.address)}`)
    .digest('hex')
  const [row] = await reserveLoginAttempts(db, {
    subjects: [{ scope: 'address', subject }],
    now: p.now,
    windowMs: WINDOW_MS,
  })
  if (!row || row.attempts <= p.max) return null
  return Math.max(1_000, row.windowStart.getTime() + WINDOW_MS - p.now.getTime())
}
