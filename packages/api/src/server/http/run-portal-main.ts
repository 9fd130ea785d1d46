import { openStores, type Stores, storeConfigFromEnv } from '@tandem/db'
import { readPortalEnv } from './portal-env.ts'
import type { RunningServer } from './portal-server.ts'

export interface PortalMainOptions {
  /** For messages: "Admin portal". */
  name: string
  env: { port: string; host: string; defaultPort: number }
  start(opts: {
    stores: Stores
    port: number
    host: string
    trackerUrl: string
    trustedProxies: string[]
  }): Promise<RunningServer>
}

/**
 * A portal's standalone entry (server mode): reads env, opens the stores, serves until SIGTERM or
 * SIGINT, then closes the server and the stores. A configuration mistake is one line naming the
 * variable and exit code 1; anything else keeps its stack.
 */
export function runPortalMain(opts: PortalMainOptions): void {
  const main = async () => {
    const env = readPortalEnv(process.env, opts.env)
    const stores = await openStores(storeConfigFromEnv(process.env))
    const server = await opts
      .start({
        stores,
        port: env.port,
        host: env.host,
        trackerUrl: env.trackerUrl,
        trustedProxies: env.trustedProxies,
      })
      .catch(async (error: unknown) => {
        await stores.close()
        throw error
      })
    process.stdout.write(`${opts.name} listening on ${server.url}\n`)

    let stopping = false
    const stop = async (signal: string) => {
      if (stopping) return
      stopping = true
      process.stdout.write(`${signal}: stopping the ${opts.name.toLowerCase()}…\n`)
      await server.close()
      await stores.close()
      process.exit(0)
    }
    process.on('SIGTERM', () => void stop('SIGTERM'))
    process.on('SIGINT', () => void stop('SIGINT'))
  }
  main().catch((error: unknown) => {
    const isConfig = error instanceof Error && error.name.endsWith('ConfigError')
    const message =
      error instanceof Error ? (isConfig ? error.message : (error.stack ?? error.message)) : String(error)
    process.stderr.write(`${isConfig ? '' : `${opts.name} failed to start: `}${message}\n`)
    process.exit(1)
  })
}
