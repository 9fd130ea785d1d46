import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startAdminServer } from '@tandem/admin'
import { openStores, type Stores } from '@tandem/db'
import { startPartnerPortalServer } from '@tandem/partner-portal'
import {
  acceptInvitation,
  createProgram,
  inviteAdmin,
  type JobRunner,
  jobRunnerConfigFromEnv,
  publishRuleSet,
  startJobRunner,
  systemContext,
  updateProgram,
} from '@tandem/services'
import { startTracker, trackerConfigFromEnv } from '@tandem/tracker'
import { freePort } from './free-port.ts'

/**
 * The embedded stack without the demo seed — stores on a temporary data dir, the tracker, both
 * portals and the job runner in this process, as apps/platform wires them — with one program
 * made through the services and an admin login. For the partner journeys, which start from an
 * empty program; `env` adds settings (SMTP_URL, TANDEM_DEMO_HOLD_SECONDS).
 */
export interface PartnerStack {
  stores: Stores
  trackerUrl: string
  adminUrl: string
  partnerUrl: string
  jobs: JobRunner
  admin: { email: string; password: string }
  close(): Promise<void>
}

export async function startPartnerStack(env: Record<string, string>): Promise<PartnerStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-partner-e2e-'))
  const [trackerPort, adminPort, partnerPort] = await Promise.all([freePort(), freePort(), freePort()])
  const host = '127.0.0.1'
  const fullEnv = {
    TANDEM_DATA_DIR: dataDir,
    PUBLIC_HOST: host,
    PARTNER_PORT: String(partnerPort),
    ADMIN_PORT: String(adminPort),
    TRACKER_PORT: String(trackerPort),
    ...env,
  }
  const stores = await openStores({
    postgres: { kind: 'embedded', dir: join(dataDir, 'pg') },
    clickhouse: { kind: 'embedded', dir: join(dataDir, 'ch') },
  })
  const url = (p: number) => `http://${host}:${p}`
  const jobs = await startJobRunner({
    db: stores.db,
    connection: { kind: 'pglite', pglite: stores.pglite! },
    config: jobRunnerConfigFromEnv(fullEnv, 'embedded'),
    log: () => {},
  })
  const tracker = await startTracker({ ...trackerConfigFromEnv(fullEnv), stores, port: trackerPort, host })
  const adminServer = await startAdminServer({ stores, port: adminPort, host, trackerUrl: url(trackerPort) })
  const partnerServer = await startPartnerPortalServer({
    stores,
    port: partnerPort,
    host,
    trackerUrl: url(trackerPort),
  })
  const ctx = systemContext(stores.db)
  const admin = { email: 'owner@tandem.test', password: 'owner passphrase' }
  const invitation = await inviteAdmin(ctx, { email: admin.email, name: 'Olga Owner', role: 'owner' })
  await acceptInvitation(ctx, { token: invitation.token, password: admin.password })
  return {
    stores,
    trackerUrl: url(trackerPort),
    adminUrl: url(adminPort),
    partnerUrl: url(partnerPort),
    jobs,
    admin,
    close: async () => {
      await Promise.allSettled([adminServer.close(), partnerServer.close()])
      await jobs.stop()
      await tracker.close()
      await stores.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** An affiliate program with a 10% rule, a description and terms, as a manager would set it up. */
export async function createShopProgram(stores: Stores, over: { slug?: string; holdDays?: number } = {}) {
  const ctx = systemContext(stores.db)
  const program = await createProgram(ctx, {
    slug: over.slug ?? 'northwind-shop',
    kind: 'affiliate',
    currency: 'EUR',
    name: 'Northwind Shop',
    allowedDomains: ['shop.example', 'blog.shop.example'],
    defaultLandingUrl: 'https://shop.example/',
    holdDays: over.holdDays ?? 30,
  })
  await publishRuleSet(ctx, {
    programId: program.id,
    rules: [
      { name: 'Sales', kind: 'percentage', event: 'sale', rate: { bps: 1000 } },
      { name: 'Leads', kind: 'flat', event: 'lead', amount: { amountMinor: 500, currency: 'EUR' } },
    ],
    effectiveFrom: new Date(Date.now() - 60_000),
  })
  void updateProgram
  return program
}
