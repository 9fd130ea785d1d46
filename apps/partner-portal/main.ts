import { readPortalEnv } from '@tandem/api/server'
import { openStores, storeConfigFromEnv } from '@tandem/db'
import { startPartnerPortalServer } from './server.ts'

/** Standalone partner portal (server mode): reads env, opens the stores, serves until SIGTERM. */
async function main(): Promise<void> {
  const env = readPortalEnv(process.env, { port: 'PARTNER_PORT', host: 'PARTNER_HOST', defaultPort: 3001 })
  const stores = await openStores(storeConfigFromEnv(process.env))
  const server = await startPartnerPortalServer({
    stores,
    port: env.port,
    host: env.host,
    trackerUrl: env.trackerUrl,
  }).catch(async (error: unknown) => {
    await stores.close()
    throw error
  })
  process.stdout.write(`Partner portal listening on ${server.url}\n`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`${signal}: stopping the partner portal…\n`)
    await server.close()
    await stores.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((error: unknown) => {
  // A configuration mistake is one clear line naming the variable; anything else keeps its stack.
  const isConfig = error instanceof Error && error.name.endsWith('ConfigError')
  const message =
    error instanceof Error ? (isConfig ? error.message : (error.stack ?? error.message)) : String(error)
  process.stderr.write(`${isConfig ? '' : 'Partner portal failed to start: '}${message}\n`)
  process.exit(1)
})
