import { z } from 'zod'

const url = (name: string, protocols: string[]) =>
  z
    .string({ error: `${name} must be a URL` })
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol)
        } catch {
          return false
        }
      },
      `${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    )

const envSchema = z.object({
  DATABASE_URL: url('DATABASE_URL', ['postgres:', 'postgresql:']).optional(),
  CLICKHOUSE_URL: url('CLICKHOUSE_URL', ['http:', 'https:']).optional(),
  TANDEM_DATA_DIR: z.string().trim().min(1, 'TANDEM_DATA_DIR must not be empty').default('.data'),
})

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Formats zod issues as one line per variable, naming it. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`).join('; ')
}

/**
 * Reads the store configuration from the environment. Only DATABASE_URL selects server mode for
 * Postgres; CLICKHOUSE_URL selects a ClickHouse server. Either may be set alone (a real Postgres
 * with embedded chDB is how the test suite covers both Postgres engines).
 */
export function storeConfigFromEnv(env: Record<string, string | undefined> = process.env): StoreSelection {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`)
  const { DATABASE_URL, CLICKHOUSE_URL, TANDEM_DATA_DIR } = parsed.data
  return {
    postgres: DATABASE_URL
      ? { kind: 'server', url: DATABASE_URL }
      : { kind: 'embedded', dir: `${TANDEM_DATA_DIR}/pg` },
    clickhouse: CLICKHOUSE_URL
      ? { kind: 'server', url: CLICKHOUSE_URL }
      : { kind: 'embedded', dir: `${TANDEM_DATA_DIR}/ch` },
  }
}

export type PostgresTarget = { kind: 'embedded'; dir: string } | { kind: 'server'; url: string }
export type ClickHouseTarget = { kind: 'embedded'; dir: string } | { kind: 'server'; url: string }
export interface StoreSelection {
  postgres: PostgresTarget
  clickhouse: ClickHouseTarget
}
