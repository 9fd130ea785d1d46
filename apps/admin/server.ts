import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Logger, type RunningServer, serveSpa, startPortalServer } from '@tandem/api/server'
import type { Stores } from '@tandem/db'

export interface AdminServerOptions {
  stores: Stores
  port: number
  /** Default 0.0.0.0. */
  host?: string
  /** Public base URL of the tracker (links' tracking URLs). */
  trackerUrl: string
  /** Public base URL of the partner portal, for the invitation links managers copy. */
  partnerUrl?: string
  /** TRUSTED_PROXIES: load balancers whose X-Forwarded-For names the client. Default none. */
  trustedProxies?: readonly string[]
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
    ...(opts.partnerUrl ? { partnerUrl: opts.partnerUrl } : {}),
    serveUi: serveSpa(staticDir, 'admin'),
    ...(opts.trustedProxies ? { trustedProxies: opts.trustedProxies } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  })
}
