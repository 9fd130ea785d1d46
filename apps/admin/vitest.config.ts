import { dataLayerTestConfig } from '@tandem/db/vitest'

// The server tests touch the stores (both Postgres engines); the SPA's unit tests are pure. The
// Chromium end-to-end tests boot a fresh embedded install of their own (PGlite), so they run in
// the PGlite project only.
export default dataLayerTestConfig({
  testTimeout: 180_000,
  postgresInclude: ['server.test.ts', 'src/**/*.test.ts'],
})
