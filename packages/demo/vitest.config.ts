import { dataLayerTestConfig } from '@tandem/db/vitest'

/** Every test file on PGlite, and once more on the Postgres server when DATABASE_URL is set. */
export default dataLayerTestConfig({ testTimeout: 300_000 })
