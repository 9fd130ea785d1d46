import { createHash } from 'node:crypto'
import {
  type Database,
  deleteStaleLoginAttempts,
  forgiveLoginAttempts,
  type LoginSubject,
  reserveLoginAttempts,
} from '@tandem/db'
import type { Kysely } from 'kysely'
import { addressLimitKey } from '../http/client-address.ts'

export interface LoginLimits {
  /** Failed logins per account (email) per window, from anywhere, on either portal. Default 5. */
  perAccount: number
  /** Failed logins per client address (IPv6: per /64) per window, for any accounts. Default 20. */
  perAddress: number
  /** Fixed window length in ms. Default 15 minutes. */
  windowMs: number
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 }

/** What a login attempt was given: go on (and report the outcome), or wait. */
export type LoginReservation =
  | { allowed: true; succeeded(): Promise<void> }
  | { allowed: false; retryAfterMs: number }

const digest = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * Login limiter over Postgres (table login_attempts), so every replica of both portals counts
 * together. Each attempt is reserved — counted — before its password is checked, in one atomic
 * statement: 20 parallel guesses get counts 1…20 and only the first `perAccount` are checked.
 * A success forgives the account and gives the address back its attempt; every other outcome
 * (wrong password, disabled account, the other portal's account) stays counted.
 */
export class LoginLimiter {
  readonly #db: Kysely<Database>
  readonly #limits: LoginLimits
  readonly #now: () => Date
  #lastSweep = 0

  constructor(db: Kysely<Database>, limits: Partial<LoginLimits> = {}, now: () => Date = () => new Date()) {
    this.#db = db
    this.#limits = { ...DEFAULT_LOGIN_LIMITS, ...limits }
    this.#now = now
  }

  /** `email` normalised (trimmed, lower case); `address` the client's, null when unknown. */
  async reserve(email: string, address: string | null): Promise<LoginReservation> {
    const now = this.#now()
    await this.#sweep(now)
    const account = digest(`account:${email}`)
    const addressKey = address === null ? null : digest(`address:${addressLimitKey(address)}`)
    // Account first, address second: every login locks the rows in the same order.
    const subjects: LoginSubject[] = [{ scope: 'account', subject: account }]
    if (addressKey !== null) subjects.push({ scope: 'address', subject: addressKey })
    const rows = await reserveLoginAttempts(this.#db, {
      subjects,
      now,
      windowMs: this.#limits.windowMs,
    })
    let retryAt = 0
    for (const row of rows) {
      const max = row.scope === 'account' ? this.#limits.perAccount : this.#limits.perAddress
      if (row.attempts > max) retryAt = Math.max(retryAt, row.windowStart.getTime() + this.#limits.windowMs)
    }
    if (retryAt > 0) return { allowed: false, retryAfterMs: Math.max(1_000, retryAt - now.getTime()) }
    return {
      allowed: true,
      succeeded: () => forgiveLoginAttempts(this.#db, { account, address: addressKey }),
    }
  }

  /** Old counters go at most once a window per process. */
  async #sweep(now: Date): Promise<void> {
    if (now.getTime() - this.#lastSweep < this.#limits.windowMs) return
    this.#lastSweep = now.getTime()
    await deleteStaleLoginAttempts(this.#db, new Date(now.getTime() - this.#limits.windowMs))
  }
}
