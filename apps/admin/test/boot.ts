import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStores, type Stores } from '@tandem/db'
import { startPartnerPortalServer } from '@tandem/partner-portal'
import { startTracker } from '@tandem/tracker'
import { startAdminServer } from '../server.ts'

/** Asks the OS for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface Booted {
  stores: Stores
  adminUrl: string
  partnerUrl: string
  trackerUrl: string
  close(): Promise<void>
}

/**
 * A fresh install with no seed (TANDEM_SEED=none): embedded stores (PGlite, chDB) on a temporary data
 * dir, the tracker, the admin portal and the partner portal.
 */
export async function bootFresh(): Promise<Booted> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-admin-e2e-'))
  const stores = await openStores({
    postgres: { kind: 'embedded', dir: join(dataDir, 'pg') },
    clickhouse: { kind: 'embedded', dir: join(dataDir, 'ch') },
  })
  const [trackerPort, adminPort, partnerPort] = await Promise.all([freePort(), freePort(), freePort()])
  const trackerUrl = `http://127.0.0.1:${trackerPort}`
  const tracker = await startTracker({
    stores,
    port: trackerPort,
    host: '127.0.0.1',
    spoolDir: join(dataDir, 'spool'),
    secret: randomBytes(32).toString('base64url'),
    flushIntervalMs: 100,
    publicUrl: trackerUrl,
    log: () => {},
  })
  const partnerUrl = `http://127.0.0.1:${partnerPort}`
  const admin = await startAdminServer({ stores, port: adminPort, host: '127.0.0.1', trackerUrl, partnerUrl })
  const partner = await startPartnerPortalServer({ stores, port: partnerPort, host: '127.0.0.1', trackerUrl })
  return {
    stores,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    partnerUrl,
    trackerUrl,
    close: async () => {
      await Promise.allSettled([admin.close(), partner.close()])
      await tracker.close()
      await stores.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
