import { defineConfig } from 'vitest/config'

/**
 * Two projects, like packages/db's data-layer config: every test on PGlite, and the tests that
 * exercise Postgres once more on the server when DATABASE_URL is set. The reliability tests
 * (ClickHouse outage, SIGKILL) and pure units run on PGlite only: Postgres plays no part in them.
 */
const base = { pool: 'forks' as const, testTimeout: 90_000, hookTimeout: 120_000 }
const postgresTests = [
  'src/routes/**/*.test.ts',
  'src/conversions/**/*.test.ts',
  'src/links/**/*.test.ts',
  'test/fuzz.test.ts',
]

const projects = [
  {
    test: {
      ...base,
      name: 'pglite',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      env: { TANDEM_TEST_POSTGRES: 'pglite' },
    },
  },
]
if (process.env.DATABASE_URL) {
  projects.push({
    test: { ...base, name: 'postgres', include: postgresTests, env: { TANDEM_TEST_POSTGRES: 'server' } },
  })
}

export default defineConfig({ test: { projects } })
