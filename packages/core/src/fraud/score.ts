import type { FraudConfig, FraudFlag, FraudScore } from './types.ts'

/** Sum the points of the raised flags (capped at 100) and decide allow / review / block. */
export function toScore(flags: FraudFlag[], config: FraudConfig): FraudScore {
  const score = Math.min(
    100,
    flags.reduce((sum, flag) => sum + flag.points, 0),
  )
  const decision = score >= config.blockScore ? 'block' : score >= config.reviewScore ? 'review' : 'allow'
  return { score, flags, decision }
}
