// Plain JavaScript: vitest loads workspace configs through Node, which (v20) cannot import a
// workspace package's .ts file.
import { defineConfig } from 'vitest/config'

/**
 * Vitest config for packages whose tests touch the stores: a project on PGlite, and a second on
 * the real Postgres server when DATABASE_URL is set, so CI covers both Postgres engines.
 *
 * @param {{ testTimeout?: number, include?: string[], postgresInclude?: string[] }} [options]
 *   postgresInclude narrows the server project to the tests where Postgres plays a part.
 */
export function dataLayerTestConfig(options = {}) {
  const include = options.include ?? ['**/*.test.ts']
  const base = { pool: 'forks', testTimeout: options.testTimeout ?? 60_000, hookTimeout: 120_000 }
  const projects = [{ test: { ...base, include, name: 'pglite', env: { TANDEM_TEST_POSTGRES: 'pglite' } } }]
  if (process.env.DATABASE_URL) {
    projects.push({
      test: {
        ...base,
        include: options.postgresInclude ?? include,
        name: 'postgres',
        env: { TANDEM_TEST_POSTGRES: 'server' },
      },
    })
  }
  return defineConfig({ test: { projects } })
}
