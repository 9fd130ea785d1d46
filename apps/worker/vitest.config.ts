import { defineConfig } from 'vitest/config'

/**
 * The worker's tests run real worker processes against the Postgres server (DATABASE_URL): worker
 * replicas share one database, which PGlite (one process) cannot. Without DATABASE_URL they skip
 * and say so.
 */
export default defineConfig({
  test: { pool: 'forks', testTimeout: 180_000, hookTimeout: 120_000, fileParallelism: false },
})
