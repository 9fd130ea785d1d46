import { dataLayerTestConfig } from './vitest.shared.ts'

export default dataLayerTestConfig()
