import { startAdminServer } from '@tandem/admin'
import { readTrustedProxies } from '@tandem/api/server'
import { openStores, type Stores, storeConfigFromEnv } from '@tandem/db'
import { isSeeded, seedDemo } from '@tandem/demo'
import { startPartnerPortalServer } from '@tandem/partner-portal'
import { startTracker, trackerConfigFromEnv } from '@tandem/tracker'
import { type PlatformConfig, platformConfigFromEnv } from './config.ts'
import { registerDemoWebhook, startEmbeddedJobs } from './jobs.ts'

export interface RunningPlatform {
  stores: Stores
  config: PlatformConfig
  close(): Promise<void>
}

/**
 * Embedded mode: PGlite and chDB are single-process engines, so the tracker, the admin portal and
 * the partner portal run in one Node process sharing one pair of stores. Seeds demo data on the
 * first start (an empty programs table) unless TANDEM_SEED=none.
 */
export async function startPlatform(
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<RunningPlatform> {
  const config = platformConfigFromEnv(env)
  const selection = storeConfigFromEnv(env)
  const trackerConfig = trackerConfigFromEnv(env)
  const trustedProxies = readTrustedProxies(env)

  log('Opening stores and running migrations…')
  const stores = await openStores(selection)
  try {
    if (config.TANDEM_SEED === 'demo' && !(await isSeeded(stores))) {
      log('First start: seeding demo data…')
      const started = performance.now()
      await seedDemo(stores, { now: new Date(), log: (line) => log(`  ${line}`) })
      log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
  } catch (error) {
    await stores.close()
    throw error
  }

  let jobs: Awaited<ReturnType<typeof startEmbeddedJobs>>
  try {
    await registerDemoWebhook(stores, env, log, config.trackerUrl)
    jobs = await startEmbeddedJobs(stores, env, log)
  } catch (error) {
    await stores.close()
    throw error
  }

  const tracker = await startTracker({
    ...trackerConfig,
    stores,
    port: config.TRACKER_PORT,
    host: config.HOST,
  })
  const admin = await startAdminServer({
    stores,
    port: config.ADMIN_PORT,
    host: config.HOST,
    trackerUrl: config.trackerUrl,
    partnerUrl: config.partnerUrl,
    trustedProxies,
  })
  const partner = await startPartnerPortalServer({
    stores,
    port: config.PARTNER_PORT,
    host: config.HOST,
    trackerUrl: config.trackerUrl,
    trustedProxies,
  })

  return {
    stores,
    config,
    close: async () => {
      await Promise.allSettled([admin.close(), partner.close()])
      // Jobs stop before the stores close: a running delivery finishes and is recorded.
      await jobs.stop()
      await tracker.close()
      await stores.close()
    },
  }
}
