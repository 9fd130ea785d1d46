import { defineConfig } from 'vitest/config'

/**
 * Vitest config for packages whose tests touch the stores: one project on PGlite, and a second
 * on the real Postgres server when DATABASE_URL is set, so CI covers both Postgres engines.
 */
export function dataLayerTestConfig(extra: { testTimeout?: number; include?: string[] } = {}) {
  const base = {
    pool: 'forks' as const,
    testTimeout: extra.testTimeout ?? 60_000,
    hookTimeout: 120_000,
    ...(extra.include ? { include: extra.include } : {}),
  }
  const projects = [{ test: { ...base, name: 'pglite', env: { TANDEM_TEST_POSTGRES: 'pglite' } } }]
  if (process.env.DATABASE_URL) {
    projects.push({ test: { ...base, name: 'postgres', env: { TANDEM_TEST_POSTGRES: 'server' } } })
  }
  return defineConfig({ test: { projects } })
}
