import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../errors.ts'
import { isBotUserAgent, matchBotUserAgent } from './bot-user-agents.ts'
import { defaultFraudConfig, mergeFraudConfig } from './default-config.ts'
import { scoreClick } from './score-click.ts'
import { scoreConversion } from './score-conversion.ts'
import type { ConversionFraudInput } from './types.ts'

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
const IPHONE_INSTAGRAM =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 335.0.0'
const CUBOT_PHONE =
  'Mozilla/5.0 (Linux; Android 12; CUBOT X50) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'
const PINTEREST_APP =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [Pinterest/iOS]'

describe('bot user agents', () => {
  it.each([
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
    'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.1; +https://openai.com/gptbot)',
    'curl/8.4.0',
    'python-requests/2.31.0',
    'Go-http-client/1.1',
    'Java/17.0.2',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36',
    'WhatsApp/2.23.20.0 A',
    'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)',
  ])('flags %s', (userAgent) => {
    expect(isBotUserAgent(userAgent)).toBe(true)
  })

  it.each([CHROME, IPHONE_INSTAGRAM, CUBOT_PHONE, PINTEREST_APP])(
    'lets a browser through: %s',
    (userAgent) => {
      expect(matchBotUserAgent(userAgent)).toBeNull()
    },
  )

  it('accepts extra patterns per program and rejects broken ones', () => {
    expect(isBotUserAgent(CHROME, ['chrome/126'])).toBe(true)
    expect(() => isBotUserAgent(CHROME, ['('])).toThrow(InvalidInputError)
  })
})

describe('scoreClick', () => {
  it('a normal click scores 0', () => {
    expect(scoreClick({ userAgent: CHROME, recentClicksFromIpOnLink: 1 }, defaultFraudConfig)).toEqual({
      score: 0,
      flags: [],
      decision: 'allow',
    })
  })

  it('a bot is blocked with a reason', () => {
    const result = scoreClick({ userAgent: 'curl/8.4.0', recentClicksFromIpOnLink: 1 }, defaultFraudConfig)
    expect(result.score).toBe(100)
    expect(result.decision).toBe('block')
    expect(result.flags[0]?.reason).toContain("'curl/'")
  })

  it('a missing user agent goes to review', () => {
    const result = scoreClick({ userAgent: null, recentClicksFromIpOnLink: 1 }, defaultFraudConfig)
    expect([result.flags[0]?.code, result.decision]).toEqual(['missing_user_agent', 'review'])
  })

  it.each([
    [10, []],
    [11, ['click_flood']],
  ])('%i clicks from one IP on one link → %j', (count, codes) => {
    const result = scoreClick({ userAgent: CHROME, recentClicksFromIpOnLink: count }, defaultFraudConfig)
    expect(result.flags.map((flag) => flag.code)).toEqual(codes)
  })

  it('thresholds are configurable per program, and checks can be turned off', () => {
    const strict = mergeFraudConfig({ clickFlood: { maxClicksPerIpPerLink: 3 } })
    expect(scoreClick({ userAgent: CHROME, recentClicksFromIpOnLink: 4 }, strict).flags[0]?.code).toBe(
      'click_flood',
    )
    const off = mergeFraudConfig({ botUserAgent: { enabled: false } })
    expect(scoreClick({ userAgent: 'curl/8', recentClicksFromIpOnLink: 1 }, off).score).toBe(0)
    expect(strict.botUserAgent).toEqual(defaultFraudConfig.botUserAgent)
  })

  it('rejects NaN counts', () => {
    expect(() =>
      scoreClick({ userAgent: CHROME, recentClicksFromIpOnLink: Number.NaN }, defaultFraudConfig),
    ).toThrow(InvalidInputError)
  })
})

describe('scoreConversion', () => {
  const at = new Date('2024-06-01T12:00:00.000Z')
  const clean: ConversionFraudInput = {
    clickAt: new Date(at.getTime() - 3_600_000),
    occurredAt: at,
    customer: { emailHash: 'c', ipHash: 'ip-c' },
    partner: { emailHashes: ['p'], ipHashes: ['ip-p'] },
    orderIdSeenBefore: false,
    orderId: 'o-1',
    coupon: { code: 'SAVE', uses: 30, partnerClicks: 100 },
    partnerStats: { clicks: 1_000, conversions: 30 },
    programStats: { clicks: 100_000, conversions: 2_000 },
  }
  const codes = (input: ConversionFraudInput) =>
    scoreConversion(input, defaultFraudConfig).flags.map((f) => f.code)

  it('a clean conversion raises nothing', () => {
    expect(scoreConversion(clean, defaultFraudConfig)).toEqual({ score: 0, flags: [], decision: 'allow' })
  })

  it.each<[string, Partial<ConversionFraudInput>, string]>([
    ['converted 3 s after the click', { clickAt: new Date(at.getTime() - 3_000) }, 'fast_conversion'],
    ['the customer is the partner (email)', { customer: { emailHash: 'p' } }, 'self_referral_email'],
    [
      'the customer used the partner’s IP',
      { customer: { emailHash: 'x', ipHash: 'ip-p' } },
      'self_referral_ip',
    ],
    ['the order id was seen before', { orderIdSeenBefore: true }, 'duplicate_order'],
    [
      'a coupon used far more than clicks explain',
      { coupon: { code: 'SAVE', uses: 250, partnerClicks: 40 } },
      'coupon_leak',
    ],
    // 15% against 2% = 7.5× > 5×
    [
      'a conversion rate far above the program',
      { partnerStats: { clicks: 1_000, conversions: 150 } },
      'conversion_rate_outlier',
    ],
  ])('%s', (_name, change, code) => {
    expect(codes({ ...clean, ...change })).toEqual([code])
  })

  it('small samples prove nothing', () => {
    expect(codes({ ...clean, coupon: { code: 'SAVE', uses: 19, partnerClicks: 0 } })).toEqual([])
    expect(codes({ ...clean, partnerStats: { clicks: 99, conversions: 90 } })).toEqual([])
  })

  it('adds points up to 100 and explains every flag', () => {
    const result = scoreConversion(
      {
        ...clean,
        customer: { emailHash: 'p' },
        orderIdSeenBefore: true,
        clickAt: new Date(at.getTime() - 1_000),
      },
      defaultFraudConfig,
    )
    expect(result.score).toBe(100)
    expect(result.decision).toBe('block')
    expect(result.flags.map((f) => f.reason)).toEqual([
      'Converted 1 s after the click (minimum 10 s): likely cookie stuffing or a script',
      "The customer's email matches the partner's own",
      'Order id o-1 was already recorded for this program',
    ])
  })

  it('uses the program thresholds', () => {
    const relaxed = mergeFraudConfig({
      conversionRateOutlier: { maxRatio: 10 },
      fastConversion: { minSeconds: 2 },
    })
    const input = {
      ...clean,
      partnerStats: { clicks: 1_000, conversions: 150 },
      clickAt: new Date(at.getTime() - 3_000),
    }
    expect(scoreConversion(input, relaxed).flags).toEqual([])
  })
})
