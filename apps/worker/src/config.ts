import { describeIssues } from '@tandem/db'
import { type JobRunnerConfig, jobRunnerConfigFromEnv } from '@tandem/services'
import { z } from 'zod'

const schema = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is required: the worker runs against a Postgres server' })
    .trim()
    .refine((v) => {
      try {
        return ['postgres:', 'postgresql:'].includes(new URL(v).protocol)
      } catch {
        return false
      }
    }, 'DATABASE_URL must be a URL starting with postgres:// or postgresql://'),
})

export class WorkerConfigError extends Error {
  override name = 'WorkerConfigError'
}

export interface WorkerConfig {
  databaseUrl: string
  jobs: JobRunnerConfig
}

/** The worker's settings: the Postgres server, and the job settings (see @tandem/services). */
export function workerConfigFromEnv(env: Record<string, string | undefined>): WorkerConfig {
  const parsed = schema.safeParse(env)
  if (!parsed.success) throw new WorkerConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`)
  return { databaseUrl: parsed.data.DATABASE_URL, jobs: jobRunnerConfigFromEnv(env, 'server') }
}
