import type { UserConfig } from 'vitest/config'

export function dataLayerTestConfig(options?: {
  testTimeout?: number
  include?: string[]
  postgresInclude?: string[]
}): UserConfig
