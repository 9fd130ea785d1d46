import { migratePostgres, openPostgres } from '@tandem/db'
import { startJobRunner } from '@tandem/services'
import { workerConfigFromEnv } from './config.ts'

export interface RunningWorker {
  stop(): Promise<void>
}

/**
 * Server mode's job runner: opens the Postgres server (no ClickHouse: no job needs it), runs
 * pending migrations (the migrator's lock makes concurrent starts safe) and starts the jobs.
 * Start as many as you like: pg-boss gives each job to one of them.
 */
export async function startWorker(
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<RunningWorker> {
  const config = workerConfigFromEnv(env)
  const pg = await openPostgres({ kind: 'server', url: config.databaseUrl })
  try {
    await migratePostgres(pg.db)
    const runner = await startJobRunner({
      db: pg.db,
      connection: { kind: 'server', url: config.databaseUrl },
      config: config.jobs,
      log,
    })
    return {
      stop: async () => {
        await runner.stop()
        await pg.db.destroy()
      },
    }
  } catch (error) {
    await pg.db.destroy()
    throw error
  }
}
