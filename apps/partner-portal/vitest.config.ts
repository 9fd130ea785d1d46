import { dataLayerTestConfig } from '@tandem/db/vitest'

// The server tests touch the stores (both Postgres engines); the SPA's unit tests are pure.
export default dataLayerTestConfig()
