import { CompiledQuery, type Kysely } from 'kysely'
import PgBoss from 'pg-boss'

/** The part of PGlite the queue needs (typed here so services does not depend on PGlite). */
export interface PGliteLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>
  exec(text: string): Promise<{ rows: unknown[] }[]>
}

/** Where pg-boss keeps its tables: the embedded PGlite instance, or a Postgres server. */
export type QueueConnection =
  | { kind: 'pglite'; pglite: PGliteLike }
  | { kind: 'server'; url: string; poolSize?: number }

/**
 * pg-boss on PGlite, through pg-boss's `db.executeSql` hook: parameterised statements go through
 * `query` (extended protocol), pg-boss's multi-statement scripts (schema creation, locked
 * maintenance) through `exec` (simple protocol), as `pg` would send them. PGlite runs each call
 * exclusively, so queue statements never land inside someone else's open transaction.
 */
export function pgliteExecutor(pglite: PGliteLike): PgBoss.Db {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return pglite.query(text, values)
      const results = await pglite.exec(text)
      return results[results.length - 1] ?? { rows: [] }
    },
  }
}

/**
 * pg-boss statements inside a Kysely transaction: a job inserted this way commits or rolls back
 * with the caller's writes (the outbox relay marks rows dispatched in the same transaction).
 */
export function transactionExecutor(trx: Pick<Kysely<never>, 'executeQuery'>): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values ?? []))
      return { rows: result.rows as unknown[] }
    },
  }
}

export interface BossTuning {
  /** How often idle workers look for jobs (pg-boss polls; minimum 0.5 s). */
  pollingSeconds: number
  /** How often expired jobs (a worker died holding them) are failed over to a retry. */
  maintenanceSeconds: number
}

/** A pg-boss instance for either engine; nothing connects until `start()`. */
export function createBoss(connection: QueueConnection, tuning: BossTuning): PgBoss {
  const common = {
    schedule: false,
    supervise: true,
    migrate: true,
    pollingIntervalSeconds: tuning.pollingSeconds,
    maintenanceIntervalSeconds: tuning.maintenanceSeconds,
    // Completed sweeps and deliveries are kept an hour (the delivery log is ours), then a day archived.
    archiveCompletedAfterSeconds: 3600,
    deleteAfterDays: 1,
  }
  if (connection.kind === 'pglite') return new PgBoss({ ...common, db: pgliteExecutor(connection.pglite) })
  return new PgBoss({
    ...common,
    connectionString: connection.url,
    max: connection.poolSize ?? 4,
    application_name: 'tandem-jobs',
  })
}
