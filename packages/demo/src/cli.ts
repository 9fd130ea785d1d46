import { parseArgs } from 'node:util'
import { ConfigError, describeIssues, openStores, storeConfigFromEnv } from '@tandem/db'
import { z } from 'zod'
import { DEMO_LOGINS } from './scenario/demo-logins.ts'
import { seedDemo } from './seed-demo.ts'

// `pnpm seed [--now 2026-03-01T12:00:00Z] [--scale 0.1]`: seeds the stores chosen by the
// environment (DATABASE_URL / CLICKHOUSE_URL, else embedded stores under TANDEM_DATA_DIR).
const argsSchema = z.object({
  now: z.iso
    .datetime({ offset: true, error: '--now must be an ISO 8601 date-time such as 2026-03-01T12:00:00Z' })
    .optional(),
  scale: z.coerce
    .number({ error: '--scale must be a number' })
    .positive('--scale must be above 0')
    .max(10, '--scale must be at most 10')
    .optional(),
})

async function main(): Promise<void> {
  // `pnpm run seed -- --scale 0.1` passes the `--` through.
  const args = process.argv.slice(2)
  if (args[0] === '--') args.shift()
  const { values } = parseArgs({
    args,
    options: { now: { type: 'string' }, scale: { type: 'string' } },
    strict: true,
  })
  const parsed = argsSchema.safeParse(values)
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error))
  const stores = await openStores(storeConfigFromEnv(process.env))
  const started = performance.now()
  try {
    const summary = await seedDemo(stores, {
      now: parsed.data.now ? new Date(parsed.data.now) : new Date(),
      scale: parsed.data.scale ?? 1,
      log: (line) => process.stdout.write(`  ${line}\n`),
    })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    process.stdout.write(
      summary.seeded
        ? `\nSeeded in ${seconds} s:\n`
        : '\nThe stores already hold data; nothing was written. They hold:\n',
    )
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n\nDemo logins:\n`)
    for (const login of Object.values(DEMO_LOGINS)) {
      process.stdout.write(`  ${login.label.padEnd(24)} ${login.email.padEnd(28)} ${login.password}\n`)
    }
  } finally {
    await stores.close()
  }
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code
  const isConfig =
    error instanceof Error &&
    (error.name === 'ConfigError' || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')))
  const describe = (e: unknown): string =>
    e instanceof Error
      ? `${isConfig ? e.message : (e.stack ?? e.message)}${e.cause ? `\ncaused by: ${describe(e.cause)}` : ''}`
      : String(e)
  process.stderr.write(`seed failed: ${describe(error)}\n`)
  process.exit(isConfig ? 2 : 1)
})
