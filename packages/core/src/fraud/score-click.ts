import { assertCount } from '../shared/validate.ts'
import { matchBotUserAgent } from './bot-user-agents.ts'
import { toScore } from './score.ts'
import type { ClickFraudInput, FraudConfig, FraudFlag, FraudScore } from './types.ts'

/** Score a click: bot user agents and click floods from one IP on one link. */
export function scoreClick(input: ClickFraudInput, config: FraudConfig): FraudScore {
  const flags: FraudFlag[] = []
  const bots = config.botUserAgent
  if (bots.enabled) {
    const userAgent = input.userAgent?.trim() ?? ''
    if (userAgent === '') {
      flags.push({
        code: 'missing_user_agent',
        reason: 'The request has no user agent, which browsers always send',
        points: bots.missingPoints,
      })
    } else {
      const match = matchBotUserAgent(userAgent, bots.extraPatterns)
      if (match) {
        flags.push({
          code: 'bot_user_agent',
          reason: `The user agent looks automated ('${match}' in "${userAgent.slice(0, 120)}")`,
          points: bots.points,
        })
      }
    }
  }
  const flood = config.clickFlood
  if (flood.enabled) {
    const count = assertCount(input.recentClicksFromIpOnLink, 'recentClicksFromIpOnLink')
    if (count > flood.maxClicksPerIpPerLink) {
      flags.push({
        code: 'click_flood',
        reason: `${count} clicks from this IP on this link in ${flood.windowMinutes} minutes (more than ${flood.maxClicksPerIpPerLink})`,
        points: flood.points,
      })
    }
  }
  return toScore(flags, config)
}
