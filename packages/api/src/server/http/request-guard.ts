import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc'
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc'
import { AUTH_NOT_BATCHED, CROSS_SITE_REFUSED, JSON_MUTATIONS_ONLY } from '../errors.ts'
import { type TrustedProxies, unmapIPv4 } from './client-address.ts'

/** Most calls one tRPC batch may carry (the SPAs' httpBatchLink sends at most this many). */
export const MAX_BATCH_SIZE = 10

export interface Refusal {
  status: number
  code: TRPC_ERROR_CODE_KEY
  message: string
  path: string | null
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** application/json, with or without parameters (charset), case-insensitive, as tRPC matches it. */
function isJson(req: IncomingMessage): boolean {
  return header(req, 'content-type')?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json'
}

/** The host the browser addressed: Host, or X-Forwarded-Host when a trusted proxy sent it. */
function requestHost(req: IncomingMessage, trusted: TrustedProxies): string | undefined {
  const peer = req.socket.remoteAddress
  const forwarded = header(req, 'x-forwarded-host')?.split(',')[0]?.trim()
  if (forwarded && peer && trusted.has(unmapIPv4(peer))) return forwarded
  return header(req, 'host')
}

/**
 * Whether a browser sent this request from another origin. Sec-Fetch-Site (every current
 * browser) is decisive: only same-origin (or a user's own navigation, "none") passes. Without
 * it, an Origin header must name the host the request was sent to. Without either, the client is
 * not a browser (curl, a script), which no foreign page can drive.
 */
export function isCrossOrigin(req: IncomingMessage, trusted: TrustedProxies): boolean {
  const site = header(req, 'sec-fetch-site')?.trim().toLowerCase()
  if (site !== undefined) return site !== 'same-origin' && site !== 'none'
  const origin = header(req, 'origin')
  if (origin === undefined) return false
  try {
    const from = new URL(origin)
    if (from.protocol !== 'http:' && from.protocol !== 'https:') return true
    const host = requestHost(req, trusted)
    // Parsed with the origin's scheme, so "shop.example:443" and "https://shop.example" agree.
    return host === undefined || new URL(`${from.protocol}//${host}`).host !== from.host
  } catch {
    return true // "null" (sandboxed frames, file:) or garbage
  }
}

/**
 * What the portal refuses before tRPC sees a request: batches over MAX_BATCH_SIZE, any batch
 * naming an auth.* procedure (each login attempt is one request, limited on its own), and — for
 * anything but GET/HEAD, i.e. mutations — requests from another origin and bodies other than JSON
 * (an HTML form can post multipart/form-data, text/plain or urlencoded cross-site without a
 * preflight; it cannot post application/json).
 */
export function refuseTrpcRequest(
  req: IncomingMessage,
  basePath: string,
  trusted: TrustedProxies,
): Refusal | null {
  let url: URL
  try {
    url = new URL(req.url ?? '/', 'http://localhost')
  } catch {
    return null // tRPC answers its own 400 "Invalid URL"
  }
  const rawPath = url.pathname.slice(basePath.length)
  let paths: string[]
  try {
    paths = decodeURIComponent(rawPath).split(',')
  } catch {
    return { status: 400, code: 'BAD_REQUEST', message: 'Malformed procedure path', path: null }
  }
  const single = paths.length === 1 ? (paths[0] ?? null) : null
  if (url.searchParams.get('batch') === '1') {
    if (paths.some((p) => p.trim() === 'auth' || p.trim().startsWith('auth.'))) {
      return { status: 400, code: 'BAD_REQUEST', message: AUTH_NOT_BATCHED, path: single }
    }
    if (paths.length > MAX_BATCH_SIZE) {
      return { status: 400, code: 'BAD_REQUEST', message: 'Batch call exceeds maximum size', path: null }
    }
  }
  const method = req.method ?? 'GET'
  if (method !== 'GET' && method !== 'HEAD') {
    if (isCrossOrigin(req, trusted)) {
      return { status: 403, code: 'FORBIDDEN', message: CROSS_SITE_REFUSED, path: single }
    }
    if (!isJson(req)) {
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: JSON_MUTATIONS_ONLY, path: single }
    }
  }
  return null
}

/** Answers a refusal in the shape of the portals' tRPC errors (see the error formatter). */
export function sendRefusal(res: ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify({
    error: {
      message: refusal.message,
      code: TRPC_ERROR_CODES_BY_KEY[refusal.code],
      data: { code: refusal.code, httpStatus: refusal.status, path: refusal.path, issues: null },
    },
  })
  res.writeHead(refusal.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}
