import { InvalidInputError } from '../errors.ts'
import { formatMoney } from '../money/format.ts'
import { assertMoney, currencyDecimals, type Money } from '../money/money.ts'
import { applyRate, formatRate, type Rate, rateToRatio } from '../money/rate.ts'
import { compare, fromInt, mul, ratio, toDecimalString } from '../money/ratio.ts'
import { assertRoundingMode, DEFAULT_ROUNDING, type RoundingMode } from '../money/rounding.ts'
import { addDays, assertDate, isoDay } from '../shared/time.ts'
import { assertCount, assertNonNegative } from '../shared/validate.ts'
import type {
  IssuedReward,
  ReferralProgram,
  ReferralRewardInput,
  ReferralRewardResult,
  RewardSpec,
} from './types.ts'

const TYPES: ReadonlySet<string> = new Set(['percent_coupon', 'fixed_coupon', 'store_credit', 'cash'])

/**
 * Decide a referral's qualification and the rewards it earns (README.md "Referral rewards").
 * The friend qualifies with a first purchase (net of refunds) of at least the minimum, once
 * the hold period after it is over; self-referrals and existing customers never qualify.
 * A qualified referral pays the referrer (within the caps), the friend (if not paid at
 * signup) and any milestone it reaches. Every reward has a stable key: issue the ones whose
 * key you have not issued yet, so evaluating again is harmless.
 */
export function evaluateReferralRewards(input: ReferralRewardInput): ReferralRewardResult {
  const { program, referral, history } = input
  const now = assertDate(input.now, 'now')
  checkProgram(program)
  const currency = program.currency
  assertMoney(history.rewardValueIssued, 'rewardValueIssued')
  if (history.rewardValueIssued.currency !== currency) {
    throw new InvalidInputError(
      `rewardValueIssued is in ${history.rewardValueIssued.currency}, the program in ${currency}`,
    )
  }
  const qualifiedBefore = assertCount(history.qualifiedReferrals, 'history.qualifiedReferrals')
  const rewardedBefore = assertCount(history.rewardedReferrals, 'history.rewardedReferrals')

  const rewards: IssuedReward[] = []
  const reasons: string[] = []
  const result = (
    status: ReferralRewardResult['status'],
    qualifiesAt: Date | null = null,
  ): ReferralRewardResult => ({
    status,
    rewards,
    reasons,
    qualifiesAt,
  })

  const self = sameIdentity(referral.referrer, referral.friend)
  if (self) {
    reasons.push(`The friend's ${self} matches the referrer's: self-referrals earn nothing.`)
    return result('not_qualified')
  }
  if (referral.friendWasExistingCustomer) {
    reasons.push('The friend was already a customer: only new customers count.')
    return result('not_qualified')
  }
  const rounding = program.rounding ?? DEFAULT_ROUNDING
  const issue = (
    key: string,
    recipient: IssuedReward['recipient'],
    customerId: string,
    spec: RewardSpec,
    purchase: Money | null,
    reason: string,
    milestoneId: string | null,
  ): IssuedReward | null => {
    const reward = buildReward({ key, recipient, customerId, spec, purchase, reason, milestoneId, rounding })
    if (reward.amount !== null && reward.amount.amountMinor === 0) {
      reasons.push(`${reward.reason}: not issued, a reward is never zero.`)
      return null
    }
    return reward
  }
  const add = (reward: IssuedReward | null) => {
    if (reward) rewards.push(reward)
  }

  if (program.friendReward && program.friendRewardTiming === 'on_signup') {
    add(
      issue(
        `${referral.referralId}:friend`,
        'friend',
        referral.friendCustomerId,
        program.friendReward,
        null,
        'welcome reward for a referred friend',
        null,
      ),
    )
  }

  const purchase = referral.firstPurchase
  if (!purchase) {
    reasons.push('The friend has not made a first purchase yet.')
    return result('no_purchase')
  }
  const at = assertDate(purchase.at, 'firstPurchase.at')
  assertMoney(purchase.amount, 'firstPurchase.amount')
  if (purchase.amount.currency !== currency) {
    throw new InvalidInputError(
      `The first purchase is in ${purchase.amount.currency}; convert it to ${currency} first`,
    )
  }
  const refunded = purchase.refunded
    ? assertMoney(purchase.refunded, 'firstPurchase.refunded').amountMinor
    : 0
  const net: Money = { amountMinor: purchase.amount.amountMinor - refunded, currency }
  const minimum = program.qualification.minFirstPurchase
  if (net.amountMinor < minimum.amountMinor) {
    reasons.push(
      `The first purchase (${formatMoney(net)} after refunds) is below the ${formatMoney(minimum)} minimum.`,
    )
    return result('not_qualified')
  }
  const qualifiesAt = addDays(at, program.qualification.holdDays)
  if (now.getTime() < qualifiesAt.getTime()) {
    reasons.push(
      `The first purchase (${formatMoney(net)}) qualifies after the hold period, on ${isoDay(qualifiesAt)}.`,
    )
    return result('on_hold', qualifiesAt)
  }
  reasons.push(`Qualified: first purchase ${formatMoney(net)} on ${isoDay(at)}, hold period over.`)

  // Value cap: what is left for monetary rewards to the referrer.
  let valueLeft =
    program.caps.maxRewardValue === null
      ? Number.POSITIVE_INFINITY
      : program.caps.maxRewardValue.amountMinor - history.rewardValueIssued.amountMinor
  const capValue = (reward: IssuedReward | null): IssuedReward | null => {
    if (reward === null || reward.amount === null) return reward
    if (valueLeft <= 0) {
      reasons.push(
        `${reward.reason}: not issued, the referrer reached the ${formatMoney(program.caps.maxRewardValue!)} reward cap.`,
      )
      return null
    }
    if (reward.amount.amountMinor > valueLeft) {
      // The reason states the amount issued, and why it is less than the reward.
      const reduced = { amountMinor: valueLeft, currency }
      const reason = `${reward.reason}, reduced to ${formatMoney(reduced)}: that was left of the ${formatMoney(program.caps.maxRewardValue!)} reward cap`
      reasons.push(`${reason}.`)
      valueLeft = 0
      return { ...reward, amount: reduced, reason }
    }
    valueLeft -= reward.amount.amountMinor
    return reward
  }

  if (program.referrerReward) {
    const max = program.caps.maxRewardedReferrals
    if (max !== null && rewardedBefore >= max) {
      reasons.push(`The referrer already has ${rewardedBefore} rewarded referrals, the cap is ${max}.`)
    } else {
      add(
        capValue(
          issue(
            `${referral.referralId}:referrer`,
            'referrer',
            referral.referrerCustomerId,
            program.referrerReward,
            net,
            `reward for referring ${referral.friendCustomerId}`,
            null,
          ),
        ),
      )
    }
  }
  if (program.friendReward && program.friendRewardTiming === 'on_qualification') {
    add(
      issue(
        `${referral.referralId}:friend`,
        'friend',
        referral.friendCustomerId,
        program.friendReward,
        net,
        'reward for a referred friend',
        null,
      ),
    )
  }
  const qualifiedAfter = qualifiedBefore + 1
  for (const milestone of program.milestones) {
    const reached =
      qualifiedBefore < milestone.qualifiedReferrals && milestone.qualifiedReferrals <= qualifiedAfter
    if (!reached || history.milestonesReached.includes(milestone.id)) continue
    add(
      capValue(
        issue(
          `${referral.referrerCustomerId}:milestone:${milestone.id}`,
          'referrer',
          referral.referrerCustomerId,
          milestone.reward,
          net,
          `milestone '${milestone.name}' for ${milestone.qualifiedReferrals} qualified referrals`,
          milestone.id,
        ),
      ),
    )
  }
  return result('qualified', qualifiesAt)
}

function sameIdentity(
  a: ReferralRewardInput['referral']['referrer'],
  b: ReferralRewardInput['referral']['friend'],
): 'email' | 'IP' | null {
  if (a.emailHash && a.emailHash === b.emailHash) return 'email'
  if (a.ipHash && a.ipHash === b.ipHash) return 'IP'
  return null
}

interface RewardFacts {
  readonly key: string
  readonly recipient: IssuedReward['recipient']
  readonly customerId: string
  readonly spec: RewardSpec
  readonly purchase: Money | null
  readonly reason: string
  readonly milestoneId: string | null
  readonly rounding: RoundingMode
}

function buildReward(facts: RewardFacts): IssuedReward {
  const { key, recipient, customerId, spec, purchase, reason, milestoneId } = facts
  if (spec.type === 'percent_coupon') {
    return {
      key,
      recipient,
      customerId,
      type: spec.type,
      amount: null,
      percentOff: spec.percentOff,
      reason: `${reason}: ${formatRate(spec.percentOff)} off coupon`,
      milestoneId,
    }
  }
  let amount: Money
  let how: string
  if ('amount' in spec && spec.amount) {
    amount = spec.amount
    how = formatMoney(amount)
  } else {
    // A share of the friend's qualifying purchase (signup rewards must be fixed: checked above).
    const rate = (spec as { rate: Rate }).rate
    if (!purchase)
      throw new InvalidInputError(`${reason}: a reward in percent of the purchase needs a purchase`)
    amount = applyRate(purchase, rate, facts.rounding)
    how = `${formatRate(rate)} of ${formatMoney(purchase)} = ${rateText(purchase, rate, amount, facts.rounding)}`
  }
  const label =
    spec.type === 'fixed_coupon' ? 'coupon' : spec.type === 'store_credit' ? 'store credit' : 'cash'
  return {
    key,
    recipient,
    customerId,
    type: spec.type,
    amount,
    percentOff: null,
    reason: `${reason}: ${how} ${label}`,
    milestoneId,
  }
}

/** "4.00 EUR", or "0.005 EUR, rounded half-even to 0.00 EUR" when rounding changed the amount. */
function rateText(purchase: Money, rate: Rate, amount: Money, rounding: RoundingMode): string {
  const decimals = currencyDecimals(purchase.currency)
  const exactMinor = mul(fromInt(purchase.amountMinor), rateToRatio(rate))
  if (compare(exactMinor, fromInt(amount.amountMinor)) === 0) return formatMoney(amount)
  const exactMajor = toDecimalString(mul(exactMinor, ratio(1, 10 ** decimals)), decimals + 6)
  return `${exactMajor} ${purchase.currency}, rounded ${rounding} to ${formatMoney(amount)}`
}

function checkReward(spec: RewardSpec | null, currency: string, what: string, allowRate: boolean): void {
  if (spec === null) return
  if (!spec || !TYPES.has(spec.type)) {
    throw new InvalidInputError(
      `${what} has unknown type ${JSON.stringify(spec?.type)}: use percent_coupon, fixed_coupon, store_credit or cash`,
    )
  }
  if (spec.type === 'percent_coupon') {
    rateToRatio(spec.percentOff)
    return
  }
  const amount = 'amount' in spec ? spec.amount : undefined
  const rate = 'rate' in spec ? spec.rate : undefined
  if ((amount === undefined) === (rate === undefined))
    throw new InvalidInputError(`${what} needs exactly one of amount or rate`)
  if (amount !== undefined) {
    assertMoney(amount, `${what} amount`)
    if (amount.currency !== currency || amount.amountMinor < 0) {
      throw new InvalidInputError(`${what} amount must be a non-negative ${currency} amount`)
    }
  } else {
    if (!allowRate)
      throw new InvalidInputError(`${what} is paid at signup, before any purchase: use a fixed amount`)
    rateToRatio(rate!)
  }
}

function checkProgram(program: ReferralProgram): void {
  const currency = program.currency
  assertMoney({ amountMinor: 0, currency }, 'program currency')
  if (program.rounding !== undefined) assertRoundingMode(program.rounding)
  checkReward(program.referrerReward, currency, 'The referrer reward', true)
  checkReward(program.friendReward, currency, 'The friend reward', program.friendRewardTiming !== 'on_signup')
  assertMoney(program.qualification.minFirstPurchase, 'minFirstPurchase')
  if (program.qualification.minFirstPurchase.currency !== currency) {
    throw new InvalidInputError(`minFirstPurchase must be in ${currency}`)
  }
  assertNonNegative(program.qualification.holdDays, 'qualification.holdDays')
  for (const milestone of program.milestones) {
    if (!Number.isSafeInteger(milestone.qualifiedReferrals) || milestone.qualifiedReferrals < 1) {
      throw new InvalidInputError(`Milestone '${milestone.name}' needs a whole number of referrals ≥ 1`)
    }
    checkReward(milestone.reward, currency, `Milestone '${milestone.name}'`, true)
  }
  if (program.caps.maxRewardedReferrals !== null)
    assertCount(program.caps.maxRewardedReferrals, 'caps.maxRewardedReferrals')
  if (program.caps.maxRewardValue !== null) {
    assertMoney(program.caps.maxRewardValue, 'caps.maxRewardValue')
    if (program.caps.maxRewardValue.currency !== currency)
      throw new InvalidInputError(`caps.maxRewardValue must be in ${currency}`)
  }
}
