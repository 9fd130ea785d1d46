import { describeIssues } from '@tandem/db'
import { z } from 'zod'
import { type MailConfig, mailConfigFromEnv } from '../mail/config.ts'

export interface WebhookRetryPolicy {
  /** Retries after the first attempt. */
  retryLimit: number
  /** pg-boss exponential backoff: retry n waits retryDelay·2^n seconds, jittered to 50–100%. */
  retryDelaySeconds: number
}

export interface JobRunnerConfig {
  /** Demo only: holds end this many seconds after a conversion is recorded. */
  holdOverrideSeconds: number | null
  /** How often the hold-period sweep runs (once per period across all workers). */
  holdCheckSeconds: number
  /** How often referred friends' rewards are settled (holds last days: a minute is plenty). */
  referralSweepSeconds: number
  sessionSweepSeconds: number
  /** How often programs with a weekly or monthly payout schedule are checked. */
  payoutSweepSeconds: number
  /** How often each worker moves new outbox rows into the queue. */
  relayIntervalMs: number
  pollingSeconds: number
  maintenanceSeconds: number
  webhook: WebhookRetryPolicy & {
    timeoutMs: number
    /** Deliveries one worker sends at once. */
    concurrency: number
  }
  /** Queued emails go out through this (absent: the runner sends no email). */
  mail?: MailConfig
  /** How often each worker looks for queued emails. */
  mailIntervalMs?: number
}

/**
 * 12 retries starting at 15 s, doubling: 17–34 h from the first attempt to the last (about a
 * day with the jitter's mean), then the event is dead and can be replayed.
 */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = { retryLimit: 12, retryDelaySeconds: 15 }

const optionalInt = (name: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ error: `${name} must be a number` })
      .int(`${name} must be a whole number`)
      .min(min, `${name} must be at least ${min}`)
      .max(max, `${name} must be at most ${max}`)
      .optional(),
  )

const envSchema = z.object({
  TANDEM_DEMO_HOLD_SECONDS: optionalInt('TANDEM_DEMO_HOLD_SECONDS', 0, 86_400),
  TANDEM_HOLD_CHECK_SECONDS: optionalInt('TANDEM_HOLD_CHECK_SECONDS', 1, 3600),
  TANDEM_WEBHOOK_TIMEOUT_MS: optionalInt('TANDEM_WEBHOOK_TIMEOUT_MS', 100, 60_000),
  TANDEM_WEBHOOK_CONCURRENCY: optionalInt('TANDEM_WEBHOOK_CONCURRENCY', 1, 64),
  TANDEM_WEBHOOK_RETRY_LIMIT: optionalInt('TANDEM_WEBHOOK_RETRY_LIMIT', 0, 50),
  TANDEM_WEBHOOK_RETRY_DELAY_SECONDS: optionalInt('TANDEM_WEBHOOK_RETRY_DELAY_SECONDS', 1, 3600),
  /** How soon a job held by a dead worker is noticed (pg-boss maintenance interval). */
  TANDEM_JOBS_MAINTENANCE_SECONDS: optionalInt('TANDEM_JOBS_MAINTENANCE_SECONDS', 1, 3600),
})

export class JobsConfigError extends Error {
  override name = 'JobsConfigError'
}

/**
 * Job settings from the environment. Embedded mode polls more often (one process, and the demo
 * wants to see a hold end within seconds); a server worker sweeps holds every minute.
 */
export function jobRunnerConfigFromEnv(
  env: Record<string, string | undefined>,
  mode: 'embedded' | 'server',
): JobRunnerConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) throw new JobsConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`)
  const e = parsed.data
  const demo = e.TANDEM_DEMO_HOLD_SECONDS ?? null
  const timeoutMs = e.TANDEM_WEBHOOK_TIMEOUT_MS ?? 10_000
  return {
    holdOverrideSeconds: demo,
    holdCheckSeconds: e.TANDEM_HOLD_CHECK_SECONDS ?? (demo !== null ? 2 : mode === 'embedded' ? 30 : 60),
    referralSweepSeconds: 60,
    sessionSweepSeconds: 3600,
    payoutSweepSeconds: 3600,
    relayIntervalMs: mode === 'embedded' ? 500 : 1000,
    pollingSeconds: 1,
    maintenanceSeconds: e.TANDEM_JOBS_MAINTENANCE_SECONDS ?? 30,
    webhook: {
      retryLimit: e.TANDEM_WEBHOOK_RETRY_LIMIT ?? DEFAULT_WEBHOOK_RETRY.retryLimit,
      retryDelaySeconds: e.TANDEM_WEBHOOK_RETRY_DELAY_SECONDS ?? DEFAULT_WEBHOOK_RETRY.retryDelaySeconds,
      timeoutMs,
      concurrency: e.TANDEM_WEBHOOK_CONCURRENCY ?? (mode === 'embedded' ? 2 : 4),
    },
    mail: mailConfigFromEnv(env, mode),
    mailIntervalMs: mode === 'embedded' ? 1000 : 2000,
  }
}

/**
 * How long a delivery job may stay active before pg-boss counts it failed and retries it (a worker
 * died holding it): well past the HTTP timeout, so a slow but live attempt is never doubled.
 */
export function deliveryExpireSeconds(timeoutMs: number): number {
  return 2 * Math.ceil(timeoutMs / 1000) + 5
}
