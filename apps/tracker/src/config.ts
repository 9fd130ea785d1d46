import { describeIssues } from '@tandem/db'
import { z } from 'zod'
import { loadOrCreateSecret } from './secret-file.ts'
import { estimatedSecretBits, MIN_SECRET_BITS } from './secret-strength.ts'

export class TrackerConfigError extends Error {
  override name = 'TrackerConfigError'
}

const flag = (name: string) =>
  z
    .enum(['true', 'false', '1', '0'], { error: `${name} must be true or false` })
    .transform((v) => v === 'true' || v === '1')

const schema = z.object({
  TRACKER_PORT: z.coerce
    .number({ error: 'TRACKER_PORT must be a port number' })
    .int('TRACKER_PORT must be a whole number')
    .min(1, 'TRACKER_PORT must be between 1 and 65535')
    .max(65535, 'TRACKER_PORT must be between 1 and 65535')
    .default(8080),
  TRACKER_HOST: z.string().trim().min(1, 'TRACKER_HOST must not be empty').default('0.0.0.0'),
  TANDEM_SECRET: z.string().trim().min(32, 'TANDEM_SECRET must be at least 32 characters').optional(),
  /** Comma-separated secrets that are still accepted when verifying click ids (rotation). */
  TANDEM_PREVIOUS_SECRETS: z.string().optional(),
  TANDEM_DATA_DIR: z.string().trim().min(1, 'TANDEM_DATA_DIR must not be empty').default('.data'),
  TANDEM_SPOOL_DIR: z.string().trim().min(1, 'TANDEM_SPOOL_DIR must not be empty').optional(),
  DATABASE_URL: z.string().optional(),
  TRACKER_IP_MODE: z
    .enum(['hash', 'truncate'], { error: 'TRACKER_IP_MODE must be "hash" or "truncate"' })
    .default('hash'),
  TRACKER_DURABILITY: z
    .enum(['write', 'fsync'], { error: 'TRACKER_DURABILITY must be "write" or "fsync"' })
    .default('write'),
  TRACKER_FLUSH_MS: z.coerce
    .number({ error: 'TRACKER_FLUSH_MS must be a number of milliseconds' })
    .int('TRACKER_FLUSH_MS must be a whole number')
    .min(10, 'TRACKER_FLUSH_MS must be between 10 and 1000')
    .max(1000, 'TRACKER_FLUSH_MS must be between 10 and 1000')
    .default(500),
  TRACKER_FSYNC_MS: z.coerce
    .number({ error: 'TRACKER_FSYNC_MS must be a number of milliseconds' })
    .int('TRACKER_FSYNC_MS must be a whole number')
    .min(10, 'TRACKER_FSYNC_MS must be between 10 and 10000')
    .max(10_000, 'TRACKER_FSYNC_MS must be between 10 and 10000')
    .default(200),
  TRACKER_TRUST_PROXY: flag('TRACKER_TRUST_PROXY').default(false),
  /** Bearer token for /metrics on the public port (without it, /metrics is not served there). */
  TRACKER_METRICS_TOKEN: z
    .string()
    .trim()
    .min(24, 'TRACKER_METRICS_TOKEN must be at least 24 characters')
    .optional(),
  /** A separate port serving /metrics without a token, on TRACKER_METRICS_HOST (default 127.0.0.1). */
  TRACKER_METRICS_PORT: z.coerce
    .number({ error: 'TRACKER_METRICS_PORT must be a port number' })
    .int('TRACKER_METRICS_PORT must be a whole number')
    .min(1, 'TRACKER_METRICS_PORT must be between 1 and 65535')
    .max(65535, 'TRACKER_METRICS_PORT must be between 1 and 65535')
    .optional(),
  TRACKER_METRICS_HOST: z
    .string()
    .trim()
    .min(1, 'TRACKER_METRICS_HOST must not be empty')
    .default('127.0.0.1'),
  TRACKER_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'TRACKER_PUBLIC_URL must be an http(s) URL' })
    .optional(),
})

/** The settings startTracker takes from the environment (spread them into its options). */
export interface TrackerConfig {
  port: number
  host: string
  secret: string
  previousSecrets: string[]
  spoolDir: string
  ipMode: 'hash' | 'truncate'
  durability: 'write' | 'fsync'
  flushIntervalMs: number
  fsyncIntervalMs: number
  trustProxy: boolean
  publicUrl: string | undefined
  metricsToken: string | null
  metricsPort: number | null
  metricsHost: string
}

/**
 * Reads the tracker's settings. TANDEM_SECRET keys the click-id HMAC: required in server mode
 * (DATABASE_URL set: every replica must share it); in embedded mode it is generated once and kept
 * in `${TANDEM_DATA_DIR}/secret`, so click ids stay valid across restarts.
 */
export function trackerConfigFromEnv(env: Record<string, string | undefined> = process.env): TrackerConfig {
  const parsed = schema.safeParse(env)
  if (!parsed.success) throw new TrackerConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`)
  const c = parsed.data
  let secret = c.TANDEM_SECRET
  if (secret !== undefined && estimatedSecretBits(secret) < MIN_SECRET_BITS) {
    throw new TrackerConfigError(
      `Invalid configuration: TANDEM_SECRET: looks guessable (about ${estimatedSecretBits(secret)} bits of entropy, ${MIN_SECRET_BITS} needed): use 32 random bytes, e.g. the output of openssl rand -base64 32`,
    )
  }
  if (!secret) {
    if (c.DATABASE_URL) {
      throw new TrackerConfigError(
        'Invalid configuration: TANDEM_SECRET: required in server mode (DATABASE_URL is set): every tracker replica must sign click ids with the same secret of at least 32 characters',
      )
    }
    secret = loadOrCreateSecret(`${c.TANDEM_DATA_DIR}/secret`)
  }
  return {
    port: c.TRACKER_PORT,
    host: c.TRACKER_HOST,
    secret,
    previousSecrets: (c.TANDEM_PREVIOUS_SECRETS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
    spoolDir: c.TANDEM_SPOOL_DIR ?? `${c.TANDEM_DATA_DIR}/spool`,
    ipMode: c.TRACKER_IP_MODE,
    durability: c.TRACKER_DURABILITY,
    flushIntervalMs: c.TRACKER_FLUSH_MS,
    fsyncIntervalMs: c.TRACKER_FSYNC_MS,
    trustProxy: c.TRACKER_TRUST_PROXY,
    publicUrl: c.TRACKER_PUBLIC_URL,
    metricsToken: c.TRACKER_METRICS_TOKEN ?? null,
    metricsPort: c.TRACKER_METRICS_PORT ?? null,
    metricsHost: c.TRACKER_METRICS_HOST,
  }
}
