import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pingPostgres, type Stores } from '@tandem/db'
import type { LoginRateLimiter } from '../auth/rate-limiter.ts'
import { consoleLogger, type Logger, type Portal } from '../context.ts'
import { createTrpcHandler } from './trpc-handler.ts'

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void

export interface PortalServerOptions {
  portal: Portal
  stores: Stores
  port: number
  host?: string
  trackerUrl: string
  /** Serves everything that is not /trpc/* or /healthz (the built SPA). */
  serveUi: RequestListener
  logger?: Logger
  limiter?: LoginRateLimiter
}

export interface RunningServer {
  url: string
  close(): Promise<void>
}

function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'same-origin')
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
    logger,
    ...(opts.limiter ? { limiter: opts.limiter } : {}),
  })

  const server = createServer((req, res) => {
    setSecurityHeaders(res)
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
