import { createHash, randomBytes } from 'node:crypto'

/** A new random session token (goes in the cookie) and its id (sha256, stored in sessions.id). */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, id: sessionIdOf(token) }
}

/** The database never holds the token itself: a leaked sessions table opens no session. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** A token we issued is 43 base64url characters; anything else is not worth a query. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value)
}
