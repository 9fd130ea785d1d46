import type { FraudConfig } from './types.ts'

/** Sensible defaults; programs override any part (see mergeFraudConfig). */
export const defaultFraudConfig: FraudConfig = {
  reviewScore: 50,
  blockScore: 90,
  botUserAgent: { enabled: true, points: 100, extraPatterns: [], missingPoints: 60 },
  clickFlood: { enabled: true, points: 60, maxClicksPerIpPerLink: 10, windowMinutes: 60 },
  fastConversion: { enabled: true, points: 40, minSeconds: 10 },
  selfReferral: { enabled: true, emailPoints: 70, ipPoints: 40 },
  duplicateOrder: { enabled: true, points: 100 },
  couponLeak: { enabled: true, points: 30, maxUsesPerClick: 2, minUses: 20 },
  conversionRateOutlier: { enabled: true, points: 40, maxRatio: 5, minClicks: 100 },
}

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K]
}

/** A program's fraud config: the defaults with its overrides (per check, per field). */
export function mergeFraudConfig(
  overrides: DeepPartial<FraudConfig> = {},
  base: FraudConfig = defaultFraudConfig,
): FraudConfig {
  return {
    reviewScore: overrides.reviewScore ?? base.reviewScore,
    blockScore: overrides.blockScore ?? base.blockScore,
    botUserAgent: { ...base.botUserAgent, ...overrides.botUserAgent },
    clickFlood: { ...base.clickFlood, ...overrides.clickFlood },
    fastConversion: { ...base.fastConversion, ...overrides.fastConversion },
    selfReferral: { ...base.selfReferral, ...overrides.selfReferral },
    duplicateOrder: { ...base.duplicateOrder, ...overrides.duplicateOrder },
    couponLeak: { ...base.couponLeak, ...overrides.couponLeak },
    conversionRateOutlier: { ...base.conversionRateOutlier, ...overrides.conversionRateOutlier },
  }
}
