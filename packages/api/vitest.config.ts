import { defineConfig } from 'vitest/config'

// Same shape as packages/db/vitest.shared.ts (a workspace .ts file cannot be imported from a
// config under Node 20): every test file runs on PGlite and, with DATABASE_URL, on Postgres too.
const base = { pool: 'forks' as const, testTimeout: 60_000, hookTimeout: 120_000 }
const projects = [{ test: { ...base, name: 'pglite', env: { TANDEM_TEST_POSTGRES: 'pglite' } } }]
if (process.env.DATABASE_URL) {
  projects.push({ test: { ...base, name: 'postgres', env: { TANDEM_TEST_POSTGRES: 'server' } } })
}

export default defineConfig({ test: { projects } })
