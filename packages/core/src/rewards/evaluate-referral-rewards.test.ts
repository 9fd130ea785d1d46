import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../errors.ts'
import { money } from '../money/money.ts'
import { evaluateReferralRewards } from './evaluate-referral-rewards.ts'
import type { ReferralFacts, ReferralProgram, ReferralRewardInput, ReferrerHistory } from './types.ts'

const EUR = (amountMinor: number) => money(amountMinor, 'EUR')
const PURCHASED = new Date('2024-05-01T10:00:00.000Z')
const AFTER_HOLD = new Date('2024-06-01T10:00:00.000Z')
const program: ReferralProgram = {
  currency: 'EUR',
  referrerReward: { type: 'store_credit', amount: EUR(1_000) },
  friendReward: { type: 'percent_coupon', percentOff: { bps: 1500 } },
  friendRewardTiming: 'on_signup',
  qualification: { minFirstPurchase: EUR(3_000), holdDays: 14 },
  milestones: [
    { id: 'm3', name: 'Three friends', qualifiedReferrals: 3, reward: { type: 'cash', amount: EUR(2_500) } },
    { id: 'm10', name: 'Ten friends', qualifiedReferrals: 10, reward: { type: 'cash', amount: EUR(10_000) } },
  ],
  caps: { maxRewardedReferrals: 20, maxRewardValue: EUR(50_000) },
}
const referral: ReferralFacts = {
  referralId: 'ref1',
  referrerCustomerId: 'alice',
  friendCustomerId: 'bob',
  referrer: { emailHash: 'a', ipHash: 'ip-a' },
  friend: { emailHash: 'b', ipHash: 'ip-b' },
  firstPurchase: { orderId: 'o1', amount: EUR(4_000), at: PURCHASED },
}
const history: ReferrerHistory = {
  qualifiedReferrals: 0,
  rewardedReferrals: 0,
  rewardValueIssued: EUR(0),
  milestonesReached: [],
}

function evaluate(change: Partial<ReferralRewardInput> = {}) {
  return evaluateReferralRewards({ program, referral, history, now: AFTER_HOLD, ...change })
}
const keys = (result: ReturnType<typeof evaluate>) => result.rewards.map((reward) => reward.key)

describe('evaluateReferralRewards', () => {
  it('a qualified referral rewards both sides', () => {
    const result = evaluate()
    expect(result.status).toBe('qualified')
    expect(result.rewards).toEqual([
      {
        key: 'ref1:friend',
        recipient: 'friend',
        customerId: 'bob',
        type: 'percent_coupon',
        amount: null,
        percentOff: { bps: 1500 },
        reason: 'welcome reward for a referred friend: 15% off coupon',
        milestoneId: null,
      },
      {
        key: 'ref1:referrer',
        recipient: 'referrer',
        customerId: 'alice',
        type: 'store_credit',
        amount: EUR(1_000),
        percentOff: null,
        reason: 'reward for referring bob: 10.00 EUR store credit',
        milestoneId: null,
      },
    ])
  })

  it('the friend gets the signup reward before any purchase; the referrer waits', () => {
    const result = evaluate({ referral: { ...referral, firstPurchase: null } })
    expect([result.status, keys(result)]).toEqual(['no_purchase', ['ref1:friend']])
  })

  it('waits for the hold period', () => {
    const result = evaluate({ now: new Date('2024-05-10T00:00:00.000Z') })
    expect(result.status).toBe('on_hold')
    expect(result.qualifiesAt?.toISOString()).toBe('2024-05-15T10:00:00.000Z')
    expect(keys(result)).toEqual(['ref1:friend'])
  })

  it.each([
    [
      'below the minimum',
      { firstPurchase: { orderId: 'o1', amount: EUR(2_999), at: PURCHASED } },
      /below the 30.00 EUR minimum/,
    ],
    [
      'refunded under the minimum',
      { firstPurchase: { orderId: 'o1', amount: EUR(4_000), refunded: EUR(1_500), at: PURCHASED } },
      /25.00 EUR after refunds/,
    ],
    ['a self-referral by email', { friend: { emailHash: 'a' } }, /self-referrals earn nothing/],
    ['a self-referral by IP', { friend: { emailHash: 'z', ipHash: 'ip-a' } }, /friend's IP matches/],
    ['an existing customer', { friendWasExistingCustomer: true }, /already a customer/],
  ])('does not qualify: %s', (_name, change, reason) => {
    const result = evaluate({ referral: { ...referral, ...change } })
    expect(result.status).toBe('not_qualified')
    expect(keys(result)).not.toContain('ref1:referrer')
    expect(result.reasons.join(' ')).toMatch(reason)
  })

  it('pays a milestone once, when this referral reaches it', () => {
    expect(keys(evaluate({ history: { ...history, qualifiedReferrals: 2 } }))).toContain('alice:milestone:m3')
    expect(keys(evaluate({ history: { ...history, qualifiedReferrals: 1 } }))).not.toContain(
      'alice:milestone:m3',
    )
    expect(keys(evaluate({ history: { ...history, qualifiedReferrals: 3 } }))).not.toContain(
      'alice:milestone:m3',
    )
    const already = { ...history, qualifiedReferrals: 2, milestonesReached: ['m3'] }
    expect(keys(evaluate({ history: already }))).not.toContain('alice:milestone:m3')
  })

  it('caps rewarded referrals per referrer', () => {
    const result = evaluate({ history: { ...history, rewardedReferrals: 20 } })
    expect(keys(result)).toEqual(['ref1:friend'])
    expect(result.reasons.join(' ')).toContain('the cap is 20')
  })

  it('caps the reward value per referrer, reducing the last reward', () => {
    const nearly = { ...history, qualifiedReferrals: 2, rewardValueIssued: EUR(48_000) }
    const result = evaluate({ history: nearly })
    // 20.00 left: store credit 10.00 fits, the 25.00 milestone is cut to 10.00
    expect(
      result.rewards.filter((r) => r.recipient === 'referrer').map((r) => [r.key, r.amount?.amountMinor]),
    ).toEqual([
      ['ref1:referrer', 1_000],
      ['alice:milestone:m3', 1_000],
    ])
    const full = evaluate({ history: { ...history, rewardValueIssued: EUR(50_000) } })
    expect(keys(full)).toEqual(['ref1:friend'])
  })

  it('pays a share of the purchase, and the friend on qualification', () => {
    const shareProgram: ReferralProgram = {
      ...program,
      referrerReward: { type: 'cash', rate: { bps: 1000 } },
      friendReward: { type: 'fixed_coupon', amount: EUR(500) },
      friendRewardTiming: 'on_qualification',
    }
    const result = evaluate({ program: shareProgram })
    expect(result.rewards.map((r) => [r.key, r.amount?.amountMinor, r.reason])).toEqual([
      ['ref1:referrer', 400, 'reward for referring bob: 10% of 40.00 EUR = 4.00 EUR cash'],
      ['ref1:friend', 500, 'reward for a referred friend: 5.00 EUR coupon'],
    ])
  })

  describe('rewards that are a rate of the purchase', () => {
    const cashShare = (rounding?: ReferralProgram['rounding']): ReferralProgram => ({
      ...program,
      ...(rounding ? { rounding } : {}),
      referrerReward: { type: 'cash', rate: { bps: 1000 } },
      friendReward: null,
      qualification: { minFirstPurchase: EUR(0), holdDays: 14 },
    })
    const buying = (amountMinor: number) => ({
      referral: { ...referral, firstPurchase: { orderId: 'o1', amount: EUR(amountMinor), at: PURCHASED } },
    })

    it('never issues a zero reward, and says why: 10% of 0.05 EUR rounds half-even to 0.00', () => {
      const result = evaluate({ program: cashShare(), ...buying(5) })
      expect(result.status).toBe('qualified')
      expect(result.rewards).toEqual([])
      expect(result.reasons).toContain(
        'reward for referring bob: 10% of 0.05 EUR = 0.005 EUR, rounded half-even to 0.00 EUR cash: not issued, a reward is never zero.',
      )
    })

    it("uses the program's rounding mode: half-up makes 0.005 EUR a 0.01 EUR reward", () => {
      const result = evaluate({ program: cashShare('half-up'), ...buying(5) })
      expect(result.rewards.map((r) => [r.amount, r.reason])).toEqual([
        [EUR(1), 'reward for referring bob: 10% of 0.05 EUR = 0.005 EUR, rounded half-up to 0.01 EUR cash'],
      ])
    })

    it.each([
      ['half-even', 400],
      ['up', 401],
      ['down', 400],
    ] as const)('10%% of 40.05 EUR = 4.005 EUR, rounded %s → %i', (rounding, expected) => {
      const result = evaluate({ program: cashShare(rounding), ...buying(4_005) })
      expect(result.rewards[0]?.amount).toEqual(EUR(expected))
    })
  })

  it("a capped reward's reason states the amount issued", () => {
    const eight: ReferralProgram = {
      ...program,
      referrerReward: { type: 'cash', amount: EUR(800) },
      friendReward: null,
      milestones: [],
    }
    const result = evaluate({ program: eight, history: { ...history, rewardValueIssued: EUR(49_500) } })
    expect(result.rewards.map((r) => [r.amount, r.reason])).toEqual([
      [
        EUR(500),
        'reward for referring bob: 8.00 EUR cash, reduced to 5.00 EUR: that was left of the 500.00 EUR reward cap',
      ],
    ])
  })

  it('evaluating again yields the same keys (idempotent issuing)', () => {
    expect(keys(evaluate())).toEqual(keys(evaluate()))
  })

  it('rejects bad programs and inputs', () => {
    expect(() =>
      evaluate({ program: { ...program, friendReward: { type: 'cash', rate: { bps: 100 } } } }),
    ).toThrow(/before any purchase/)
    expect(() =>
      evaluate({ program: { ...program, referrerReward: { type: 'cash', amount: money(5, 'USD') } } }),
    ).toThrow(InvalidInputError)
    expect(() =>
      evaluate({
        program: { ...program, qualification: { minFirstPurchase: EUR(0), holdDays: Number.NaN } },
      }),
    ).toThrow(/holdDays/)
    expect(() =>
      evaluate({
        referral: {
          ...referral,
          firstPurchase: { orderId: 'o', amount: money(4_000, 'USD'), at: PURCHASED },
        },
      }),
    ).toThrow(/convert it to EUR/)
    expect(() => evaluate({ now: new Date(Number.NaN) })).toThrow(/now/)
  })
})
