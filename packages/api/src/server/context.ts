import { randomBytes } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { hashPassword, type Stores } from '@tandem/db'
import { readCookie } from './auth/cookies.ts'
import { LoginLimiter, type LoginLimits } from './auth/login-limiter.ts'
import { type Portal, type SessionPolicy, sessionPolicy } from './auth/session-policy.ts'
import { type LoadedSession, loadSession } from './auth/sessions.ts'
import { clientAddressOf, TrustedProxies } from './http/client-address.ts'

export type { Portal } from './auth/session-policy.ts'

export interface Logger {
  error(message: string, details?: Record<string, unknown>): void
  warn(message: string, details?: Record<string, unknown>): void
}

export const consoleLogger: Logger = {
  error: (message, details) => console.error(message, details ?? ''),
  warn: (message, details) => console.warn(message, details ?? ''),
}

/** What the procedures may know about the HTTP request. */
export interface RequestInfo {
  /** The client's address: the socket's peer, or from X-Forwarded-For behind a trusted proxy. */
  ip: string | null
  userAgent: string | null
  /** https (directly, or as told by a proxy's X-Forwarded-Proto): cookies get Secure. */
  secure: boolean
  /** The client asked for a streamed (jsonl) response: headers are gone before a procedure ends. */
  streaming: boolean
  /** The request is a tRPC batch (`?batch=1`): auth calls refuse to run in one. */
  batched: boolean
}

/** Per-server auth machinery: created by the factory, never at import time. */
export interface AuthRuntime {
  policy: SessionPolicy
  /** Login limits per account and per client address, counted in Postgres. */
  limiter: LoginLimiter
  /** An argon2id hash of a random password, verified against when the email is unknown. */
  dummyHash(): Promise<string>
  now(): Date
}

export interface Context {
  stores: Stores
  portal: Portal
  trackerUrl: string
  /** Public base URL of the partner portal, no trailing slash; '' when the server was not told it. */
  partnerUrl: string
  session: LoadedSession | null
  request: RequestInfo
  /** Adds a Set-Cookie header to the response. */
  setCookie(value: string): void
  /** Sets a response header (Retry-After). */
  setHeader(name: string, value: string): void
  auth: AuthRuntime
  log: Logger
}

export interface ContextFactoryOptions {
  stores: Stores
  portal: Portal
  /** Public base URL of the tracker, for links' tracking URLs (no trailing slash needed). */
  trackerUrl: string
  /** Public base URL of the partner portal (invitation links the admin portal shows); '' when unknown. */
  partnerUrl?: string
  logger?: Logger
  /** Clock, for tests of expiry; defaults to the system clock. */
  now?: () => Date
  /** Login limits (defaults: 5 per account, 20 per address, in 15 minutes). */
  loginLimits?: Partial<LoginLimits>
  /** TRUSTED_PROXIES: peers whose X-Forwarded-For names the client. Default none. */
  trustedProxies?: readonly string[]
}

/** The parts of node's IncomingMessage / ServerResponse the context reads and writes. */
export interface NodeRequestLike {
  headers: IncomingHttpHeaders
  socket: { remoteAddress?: string | undefined; encrypted?: boolean }
}
export interface NodeResponseLike {
  appendHeader(name: string, value: string | readonly string[]): unknown
  setHeader?(name: string, value: string): unknown
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

const NO_PROXIES = new TrustedProxies([])

/** https, directly or as a proxy's X-Forwarded-Proto says (it only ever adds Secure and HSTS). */
export function isSecureRequest(req: NodeRequestLike): boolean {
  const proto = firstHeader(req.headers['x-forwarded-proto'])?.split(',')[0]?.trim().toLowerCase()
  return req.socket.encrypted === true || proto === 'https'
}

export function requestInfoOf(
  req: NodeRequestLike,
  trusted: TrustedProxies = NO_PROXIES,
  info?: { isBatchCall?: boolean },
): RequestInfo {
  const accept = firstHeader(req.headers['trpc-accept']) ?? firstHeader(req.headers.accept) ?? ''
  const forwardedFor = req.headers['x-forwarded-for']
  return {
    ip: clientAddressOf(
      req.socket.remoteAddress,
      Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor,
      trusted,
    ),
    userAgent: firstHeader(req.headers['user-agent']) ?? null,
    secure: isSecureRequest(req),
    streaming: accept.split(',').some((t) => t.trim() === 'application/jsonl'),
    batched: info?.isBatchCall === true,
  }
}

/**
 * Builds the per-request context creator for one portal: reads the portal's session cookie and
 * loads the session and its user (or null). Returned function fits tRPC's node adapters.
 */
export function createContextFactory(opts: ContextFactoryOptions) {
  const now = opts.now ?? (() => new Date())
  const policy = sessionPolicy(opts.portal)
  let dummy: Promise<string> | null = null
  const auth: AuthRuntime = {
    policy,
    limiter: new LoginLimiter(opts.stores.db, opts.loginLimits, now),
    dummyHash: () => {
      dummy ??= hashPassword(randomBytes(24).toString('base64url'))
      return dummy
    },
    now,
  }
  const log = opts.logger ?? consoleLogger
  const trackerUrl = opts.trackerUrl.replace(/\/+$/, '')
  const partnerUrl = (opts.partnerUrl ?? '').replace(/\/+$/, '')
  const trusted = new TrustedProxies(opts.trustedProxies ?? [])

  return async function createContext({
    req,
    res,
    info,
  }: {
    req: NodeRequestLike
    res: NodeResponseLike
    /** tRPC's request info (batch or not); absent for direct callers. */
    info?: { isBatchCall?: boolean }
  }): Promise<Context> {
    const token = readCookie(firstHeader(req.headers.cookie), policy.cookieName)
    const session = token
      ? await loadSession(opts.stores.db, { token, portal: opts.portal, policy, now: now() })
      : null
    return {
      stores: opts.stores,
      portal: opts.portal,
      trackerUrl,
      partnerUrl,
      session,
      request: requestInfoOf(req, trusted, info),
      setCookie: (value) => {
        res.appendHeader('Set-Cookie', value)
      },
      setHeader: (name, value) => {
        res.setHeader?.(name, value)
      },
      auth,
      log,
    }
  }
}
