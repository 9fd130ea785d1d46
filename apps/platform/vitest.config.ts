import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { pool: 'forks', testTimeout: 120_000, hookTimeout: 600_000, fileParallelism: false },
})
