import { startWorker } from './worker.ts'

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`)

async function main(): Promise<void> {
  const worker = await startWorker(process.env, log)
  log('worker: running jobs (hold-period approvals, outbox delivery, session expiry)')
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal}: finishing running jobs and stopping…`)
    await worker.stop()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((error: unknown) => {
  const isConfig = error instanceof Error && error.name.endsWith('ConfigError')
  const message =
    error instanceof Error ? (isConfig ? error.message : (error.stack ?? error.message)) : String(error)
  process.stderr.write(`${isConfig ? '' : 'Tandem worker failed to start: '}${message}\n`)
  process.exit(1)
})
