import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_` + base64 of
 * the key bytes; the signature is `v1,` + base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)),
 * with the timestamp in Unix seconds. Receivers can verify with the `standardwebhooks` library.
 */
export const SECRET_PREFIX = 'whsec_'

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64')
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')
  return `v1,${mac}`
}

export interface SignedHeaders {
  'webhook-id': string
  'webhook-timestamp': string
  'webhook-signature': string
}

export function signedHeaders(secret: string, id: string, at: Date, body: string): SignedHeaders {
  const ts = Math.floor(at.getTime() / 1000)
  return {
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signWebhook(secret, id, ts, body),
  }
}

/**
 * Receiver side, for our own tests and docs: true when one of the space-separated `v1,` signatures
 * matches and the timestamp is within `toleranceSeconds` of `now` (replay protection).
 */
export function verifyWebhook(
  secret: string,
  headers: SignedHeaders,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const ts = Number(headers['webhook-timestamp'])
  if (!Number.isInteger(ts) || Math.abs(now.getTime() / 1000 - ts) > toleranceSeconds) return false
  const expected = Buffer.from(signWebhook(secret, headers['webhook-id'], ts, body))
  return headers['webhook-signature'].split(' ').some((candidate) => {
    const got = Buffer.from(candidate)
    return got.length === expected.length && timingSafeEqual(got, expected)
  })
}
