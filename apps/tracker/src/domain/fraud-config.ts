import { defaultFraudConfig, type FraudConfig } from '@tandem/core'
import { z } from 'zod'

const points = z.number().int().min(0).max(100)
const check = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ enabled: z.boolean(), ...shape })
    .partial()
    .optional()

/** programs.fraud is a partial FraudConfig: any part a program leaves out takes core's default. */
const programFraud = z.object({
  reviewScore: points.optional(),
  blockScore: points.optional(),
  botUserAgent: check({ points, extraPatterns: z.array(z.string().max(200)).max(50), missingPoints: points }),
  clickFlood: check({
    points,
    maxClicksPerIpPerLink: z.number().int().min(1),
    windowMinutes: z.number().int().min(1),
  }),
  fastConversion: check({ points, minSeconds: z.number().int().min(0) }),
  selfReferral: check({ emailPoints: points, ipPoints: points }),
  duplicateOrder: check({ points }),
  couponLeak: check({ points, maxUsesPerClick: z.number().min(0), minUses: z.number().int().min(0) }),
  conversionRateOutlier: check({ points, maxRatio: z.number().min(0), minClicks: z.number().int().min(0) }),
})

/**
 * The program's fraud settings over core's defaults. A malformed stored value (the admin API
 * validates on save, so only a hand edit) falls back to the defaults rather than failing clicks.
 * TODO(core): use core's mergeFraudConfig once it is exported (default-config.ts refers to it).
 */
export function resolveFraudConfig(stored: unknown): FraudConfig {
  const parsed = programFraud.safeParse(stored ?? {})
  if (!parsed.success) return defaultFraudConfig
  const p = parsed.data
  const d = defaultFraudConfig
  return {
    reviewScore: p.reviewScore ?? d.reviewScore,
    blockScore: p.blockScore ?? d.blockScore,
    botUserAgent: { ...d.botUserAgent, ...p.botUserAgent },
    clickFlood: { ...d.clickFlood, ...p.clickFlood },
    fastConversion: { ...d.fastConversion, ...p.fastConversion },
    selfReferral: { ...d.selfReferral, ...p.selfReferral },
    duplicateOrder: { ...d.duplicateOrder, ...p.duplicateOrder },
    couponLeak: { ...d.couponLeak, ...p.couponLeak },
    conversionRateOutlier: { ...d.conversionRateOutlier, ...p.conversionRateOutlier },
  }
}
