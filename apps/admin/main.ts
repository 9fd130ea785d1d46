import { readPortalEnv } from '@tandem/api/server'
import { openStores, storeConfigFromEnv } from '@tandem/db'
import { startAdminServer } from './server.ts'

/** Standalone admin portal (server mode): reads env, opens the stores, serves until SIGTERM. */
async function main(): Promise<void> {
  const env = readPortalEnv(process.env, { port: 'ADMIN_PORT', host: 'ADMIN_HOST', defaultPort: 3000 })
  const stores = await openStores(storeConfigFromEnv(process.env))
  const server = await startAdminServer({
    stores,
    port: env.port,
    host: env.host,
    trackerUrl: env.trackerUrl,
  }).catch(async (error: unknown) => {
    await stores.close()
    throw error
  })
  process.stdout.write(`Admin portal listening on ${server.url}\n`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    process.stdout.write(`${signal}: stopping the admin portal…\n`)
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
  process.stderr.write(`${isConfig ? '' : 'Admin portal failed to start: '}${message}\n`)
  process.exit(1)
})
