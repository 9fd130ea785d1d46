import { dataLayerTestConfig } from '@tandem/db/vitest'

export default dataLayerTestConfig()
