import { openStores, storeConfigFromEnv } from '@tandem/db'
import { trackerConfigFromEnv } from './config.ts'
import { startTracker } from './server.ts'

const log = (line: string) => process.stdout.write(`${line}\n`)

/**
 * The tracker alone: server mode (DATABASE_URL / CLICKHOUSE_URL) or embedded (PGlite + chDB in
 * TANDEM_DATA_DIR; then nothing else may open that directory). SIGTERM / SIGINT: stop accepting,
 * flush the spool to ClickHouse, exit 0.
 */
async function main(): Promise<void> {
  const env = process.env
  const selection = storeConfigFromEnv(env)
  const config = trackerConfigFromEnv(env)
  const stores = await openStores(selection)
  let tracker: Awaited<ReturnType<typeof startTracker>>
  try {
    tracker = await startTracker({ ...config, stores, log })
  } catch (error) {
    await stores.close()
    throw error
  }
  const mode = selection.postgres.kind === 'server' ? 'server' : 'embedded'
  log(`Tandem tracker listening on ${config.host}:${tracker.port} (${mode} mode, spool ${config.spoolDir})`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal}: flushing events and stopping…`)
    try {
      await tracker.close()
      await stores.close()
    } finally {
      process.exit(0)
    }
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

// A bug in one request's promise chain must not take every other request down with it: log it
// with its stack and keep serving (a crash loop would lose clicks; the spool keeps what it has).
process.on('unhandledRejection', (reason: unknown) => {
  log(
    `tracker: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  )
})

main().catch((error: unknown) => {
  // A configuration mistake gets one line naming the variable; anything else keeps its stack.
  const isConfig = error instanceof Error && error.name.endsWith('ConfigError')
  const message =
    error instanceof Error ? (isConfig ? error.message : (error.stack ?? error.message)) : String(error)
  process.stderr.write(`${isConfig ? '' : 'Tracker failed to start: '}${message}\n`)
  process.exit(1)
})
