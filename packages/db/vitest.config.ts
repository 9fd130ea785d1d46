import { dataLayerTestConfig } from './vitest.shared.mjs'

export default dataLayerTestConfig()
