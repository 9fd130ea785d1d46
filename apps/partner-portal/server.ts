import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Logger, type RunningServer, serveSpa, startPortalServer } from '@tandem/api/server'
import type { Stores } from '@tandem/db'

export interface PartnerPortalServerOptions {
  stores: Stores
  port: number
  /** Default 0.0.0.0. */
  host?: string
  /** Public base URL of the tracker (links' tracking URLs). */
  trackerUrl: string
  /** TRUSTED_PROXIES: load balancers whose X-Forwarded-For names the client. Default none. */
  trustedProxies?: readonly string[]
  /** The built SPA; default apps/partner-portal/dist. */
  staticDir?: string
  logger?: Logger
}

/** The partner portal: partnerRouter at /trpc/*, /healthz, and the built SPA for everything else. */
export function startPartnerPortalServer(opts: PartnerPortalServerOptions): Promise<RunningServer> {
  const staticDir = opts.staticDir ?? join(dirname(fileURLToPath(import.meta.url)), 'dist')
  return startPortalServer({
    portal: 'partner',
    stores: opts.stores,
    port: opts.port,
    host: opts.host ?? '0.0.0.0',
    trackerUrl: opts.trackerUrl,
    serveUi: serveSpa(staticDir, 'partner portal'),
    ...(opts.trustedProxies ? { trustedProxies: opts.trustedProxies } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  })
}
