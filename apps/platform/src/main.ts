import { DEMO_LOGINS } from '@tandem/demo'
import { startPlatform } from './platform.ts'

const log = (line: string) => process.stdout.write(`${line}\n`)

async function main(): Promise<void> {
  const platform = await startPlatform(process.env, log)
  const { trackerUrl, adminUrl, partnerUrl } = platform.config
  log('')
  log('Tandem is running (embedded mode: PGlite + chDB in one process)')
  log(`  Tracker         ${trackerUrl}   (health: ${trackerUrl}/healthz)`)
  log(`  Admin portal    ${adminUrl}`)
  log(`  Partner portal  ${partnerUrl}`)
  log('')
  log('Demo logins:')
  for (const login of Object.values(DEMO_LOGINS)) {
    log(`  ${login.label.padEnd(24)} ${login.email.padEnd(32)} ${login.password}`)
  }
  log('')
  log('Ready. Ctrl+C stops it; data stays in the data directory for the next start.')

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal}: flushing events and stopping…`)
    await platform.close()
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((error: unknown) => {
  // Configuration mistakes get one clear line; anything else keeps its stack for the bug report.
  const isConfig = error instanceof Error && error.name.endsWith('ConfigError')
  const message =
    error instanceof Error ? (isConfig ? error.message : (error.stack ?? error.message)) : String(error)
  process.stderr.write(`${isConfig ? '' : 'Tandem failed to start: '}${message}\n`)
  process.exit(1)
})
