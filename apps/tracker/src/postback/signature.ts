import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { HttpError, unauthorized } from '../http/http-error.ts'
import type { Params } from '../http/query.ts'

/** A signed request is accepted this long before or after its timestamp. */
export const SIGNATURE_WINDOW_SECONDS = 300

/** encodeURIComponent plus the characters RFC 3986 reserves (so every client encodes alike). */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/**
 * The string a parameter-style postback signs: every parameter except `sig`, sorted by name,
 * as `name=value` with RFC 3986 percent-encoding, joined by '&'. `ts` (unix seconds) is one of them.
 */
export function canonicalParams(params: Params): string {
  return Object.keys(params)
    .filter((k) => k !== 'sig')
    .sort()
    .map((k) => `${encodeRfc3986(k)}=${encodeRfc3986(params[k] ?? '')}`)
    .join('&')
}

export function signParams(params: Params, secret: string): string {
  return createHmac('sha256', secret).update(canonicalParams(params)).digest('hex')
}

/** The JSON form: header `X-Tandem-Signature: t=<unix seconds>,v1=<hex HMAC of "<t>.<raw body>">`. */
export function signBody(rawBody: string, timestamp: number, secret: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`
}

export type PostbackAuth = { method: 'token' } | { method: 'signature'; signature: string }

export interface AuthSecrets {
  postback_token: string
  postback_hmac_secret: string
  /** After a rotation the previous token and secret are accepted until postback_previous_expires_at. */
  postback_token_previous?: string | null
  postback_hmac_secret_previous?: string | null
  postback_previous_expires_at?: Date | null
}

/** The program's current credentials, and the previous ones while their grace period lasts. */
function liveCredentials(program: AuthSecrets, nowMs: number): { token: string; secret: string }[] {
  const live = [{ token: program.postback_token, secret: program.postback_hmac_secret }]
  const until = program.postback_previous_expires_at
  if (
    until &&
    until.getTime() > nowMs &&
    program.postback_token_previous &&
    program.postback_hmac_secret_previous
  ) {
    live.push({ token: program.postback_token_previous, secret: program.postback_hmac_secret_previous })
  }
  return live
}

/**
 * Authenticates a postback by the program's secret token (`token=`) or an HMAC signature
 * (`ts=` + `sig=`, or the X-Tandem-Signature header for JSON bodies). Throws 401 with the reason.
 * Replay protection (a signature used twice) is the caller's (claimPostbackSignature).
 */
export function authenticatePostback(
  program: AuthSecrets,
  params: Params,
  headers: IncomingHttpHeaders,
  rawJsonBody: string | null,
  nowMs: number,
): PostbackAuth {
  const header = headers['x-tandem-signature']
  if (typeof header === 'string' && rawJsonBody !== null) {
    const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/i.exec(header.trim())
    if (!match) throw unauthorized('X-Tandem-Signature must look like t=<unix seconds>,v1=<64 hex digits>')
    const t = Number(match[1])
    checkTimestamp(t, nowMs)
    const matches = liveCredentials(program, nowMs).some(({ secret }) =>
      safeEqualHex(createHmac('sha256', secret).update(`${t}.${rawJsonBody}`).digest(), match[2]!),
    )
    if (!matches) throw unauthorized('The X-Tandem-Signature does not match the body')
    return { method: 'signature', signature: match[2]!.toLowerCase() }
  }
  if (params.sig !== undefined) {
    if (!/^[0-9a-f]{64}$/i.test(params.sig)) throw unauthorized('sig must be 64 hex digits (HMAC-SHA256)')
    if (params.ts === undefined || !/^\d{1,12}$/.test(params.ts)) {
      throw unauthorized('A signed postback needs ts= (unix seconds) among the signed parameters')
    }
    checkTimestamp(Number(params.ts), nowMs)
    const canonical = canonicalParams(params)
    const sig = params.sig
    const matches = liveCredentials(program, nowMs).some(({ secret }) =>
      safeEqualHex(createHmac('sha256', secret).update(canonical).digest(), sig),
    )
    if (!matches) {
      throw unauthorized('The signature does not match: sign every parameter except sig, sorted by name')
    }
    return { method: 'signature', signature: params.sig.toLowerCase() }
  }
  const token = params.token ?? headerValue(headers['x-tandem-token'])
  if (token !== undefined) {
    const known = liveCredentials(program, nowMs).some(
      (c) => c.token.length > 0 && safeEqualText(token, c.token),
    )
    if (!known) {
      throw unauthorized('The postback token is not this program’s')
    }
    return { method: 'token' }
  }
  throw unauthorized(
    'Authenticate the postback with token=<program postback token>, or ts= and sig= (HMAC-SHA256)',
  )
}

function checkTimestamp(seconds: number, nowMs: number): void {
  if (Math.abs(nowMs / 1000 - seconds) > SIGNATURE_WINDOW_SECONDS) {
    throw new HttpError(
      401,
      'stale_signature',
      `The signature timestamp is more than ${SIGNATURE_WINDOW_SECONDS} seconds away from the tracker's clock`,
    )
  }
}

function safeEqualHex(expected: Buffer, givenHex: string): boolean {
  const given = Buffer.from(givenHex, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

function safeEqualText(given: string, expected: string): boolean {
  // Compare digests: equal length for timingSafeEqual, and no early exit on the length.
  const a = createHmac('sha256', 'tandem-token').update(given).digest()
  const b = createHmac('sha256', 'tandem-token').update(expected).digest()
  return timingSafeEqual(a, b)
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
