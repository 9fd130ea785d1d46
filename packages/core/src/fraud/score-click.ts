import type { ClickFraudInput, FraudConfig, FraudScore } from './types.ts'

/** Score a click: bot user agents and click floods. */
export function scoreClick(input: ClickFraudInput, config: FraudConfig): FraudScore {
  throw new Error(`scoreClick: not implemented yet (${input.recentClicksFromIpOnLink} ${config.reviewScore})`)
}
