export type Portal = 'admin' | 'partner'

export interface SessionPolicy {
  cookieName: string
  /** A session unused this long is over. */
  idleMs: number
  /** A session is over this long after login, however active. */
  absoluteMs: number
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

// Admins hold the keys to money: short idle time. Partners mostly read: a week.
const POLICIES: Record<Portal, SessionPolicy> = {
  admin: { cookieName: 'tandem_admin', idleMs: 12 * HOUR, absoluteMs: 7 * DAY },
  partner: { cookieName: 'tandem_partner', idleMs: 7 * DAY, absoluteMs: 30 * DAY },
}

export function sessionPolicy(portal: Portal): SessionPolicy {
  return POLICIES[portal]
}

/** last_seen_at is written at most this often, so reads do not each cost a write. */
export const TOUCH_INTERVAL_MS = 60_000
