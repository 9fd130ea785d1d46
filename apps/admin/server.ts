import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Logger, type RunningServer, startPortalServer } from '@tandem/api/server'
import type { Stores } from '@tandem/db'
import sirv from 'sirv'

export interface AdminServerOptions {
  stores: Stores
  port: number
  /** Default 0.0.0.0. */
  host?: string
  /** Public base URL of the tracker (links' tracking URLs). */
  trackerUrl: string
  /** The built SPA; default apps/admin/dist. */
  staticDir?: string
  logger?: Logger
}

/** The admin portal: adminRouter at /trpc/*, /healthz, and the built SPA for everything else. */
export function startAdminServer(opts: AdminServerOptions): Promise<RunningServer> {
  const staticDir = opts.staticDir ?? join(dirname(fileURLToPath(import.meta.url)), 'dist')
  return startPortalServer({
    portal: 'admin',
    stores: opts.stores,
    port: opts.port,
    host: opts.host ?? '0.0.0.0',
    trackerUrl: opts.trackerUrl,
    serveUi: serveSpa(staticDir, 'admin'),
    ...(opts.logger ? { logger: opts.logger } : {}),
  })
}

/**
 * The built SPA: files as they are, index.html for every other path (client-side routes).
 * Vite's hashed files under /assets/ never change: cached for a year; the rest revalidates.
 */
export function serveSpa(dir: string, name: string): (req: IncomingMessage, res: ServerResponse) => void {
  if (!existsSync(join(dir, 'index.html'))) {
    return (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(`${name} UI is not built: run pnpm build`)
    }
  }
  return sirv(dir, {
    single: true,
    etag: true,
    gzip: true,
    brotli: true,
    setHeaders: (res, pathname) => {
      res.setHeader(
        'Cache-Control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    },
  })
}
