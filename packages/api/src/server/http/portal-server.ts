import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pingPostgres, type Stores } from '@tandem/db'
import type { LoginLimits } from '../auth/login-limiter.ts'
import { consoleLogger, isSecureRequest, type Logger, type Portal } from '../context.ts'
import { createTrpcHandler } from './trpc-handler.ts'

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

export interface PortalServerOptions {
  portal: Portal
  stores: Stores
  port: number
  host?: string
  trackerUrl: string
  /** Public base URL of the partner portal (invitation links the admin portal shows); '' when unknown. */
  partnerUrl?: string
  /** Serves everything that is not /trpc/* or /healthz (the built SPA). */
  serveUi: RequestListener
  logger?: Logger
  /** Login limits (defaults: 5 per account, 20 per address, in 15 minutes). */
  loginLimits?: Partial<LoginLimits>
  /** TRUSTED_PROXIES: addresses / CIDR ranges whose X-Forwarded-For is believed. Default none. */
  trustedProxies?: readonly string[]
}

export interface RunningServer {
  url: string
  close(): Promise<void>
}

/**
 * The SPAs are Vite builds: scripts and styles from their own files only (no inline script, no
 * eval), data: only for images (the inline SVG favicon), API calls to the same origin, and no
 * framing, plugins, <base> or foreign form targets.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** A year; no includeSubDomains or preload: the portal cannot speak for its parent domain's hosts. */
const HSTS = 'max-age=31536000'

function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'same-origin')
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  if (isSecureRequest(req)) res.setHeader('Strict-Transport-Security', HSTS)
}

/**
 * One portal over node:http: /trpc/* → the portal's router, /healthz → store check, anything else
 * → serveUi. Resolves once listening; close() stops accepting and ends open connections.
 */
export async function startPortalServer(opts: PortalServerOptions): Promise<RunningServer> {
  const logger = opts.logger ?? consoleLogger
  const trpc = createTrpcHandler({
    portal: opts.portal,
    stores: opts.stores,
    trackerUrl: opts.trackerUrl,
    ...(opts.partnerUrl ? { partnerUrl: opts.partnerUrl } : {}),
    logger,
    ...(opts.loginLimits ? { loginLimits: opts.loginLimits } : {}),
    ...(opts.trustedProxies ? { trustedProxies: opts.trustedProxies } : {}),
  })

  const server = createServer((req, res) => {
    setSecurityHeaders(req, res)
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path.startsWith('/trpc/')) {
      res.setHeader('Cache-Control', 'no-store')
      trpc(req, res)
      return
    }
    if (path === '/healthz') {
      healthz(opts.stores, res).catch((error: unknown) => logger.error('healthz failed', { error }))
      return
    }
    try {
      opts.serveUi(req, res)
    } catch (error) {
      logger.error('serving the UI failed', { error, path })
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Internal error')
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const shownHost = host === '0.0.0.0' || host === '[::]' ? 'localhost' : host
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

async function healthz(stores: Stores, res: ServerResponse): Promise<void> {
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Content-Type', 'application/json')
  try {
    await pingPostgres(stores.db)
    res.writeHead(200).end(JSON.stringify({ ok: true }))
  } catch {
    res.writeHead(503).end(JSON.stringify({ ok: false, error: 'Postgres is not reachable' }))
  }
}
