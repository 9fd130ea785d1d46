import { formatMoney, formatRate, type Money, type Rate } from '@tandem/core'

/**
 * A program's program-wide commission rules and referral rewards in words a prospective partner
 * reads on the join page ("10% of each sale", "5.00 EUR per lead"). Rules scoped to groups or
 * partners are not public; a rule this does not know is left out rather than guessed.
 */

type Json = Record<string, unknown>

const isMoney = (v: unknown): v is Money =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Money).amountMinor === 'number' &&
  typeof (v as Money).currency === 'string'
const isRate = (v: unknown): v is Rate =>
  typeof v === 'object' && v !== null && ('bps' in v || 'numerator' in v)

const money = (v: unknown) => (isMoney(v) ? formatMoney(v) : null)
const rate = (v: unknown) => {
  if (!isRate(v)) return null
  try {
    return formatRate(v)
  } catch {
    return null
  }
}
const eventWord = (e: unknown) =>
  e === 'sale'
    ? 'sale'
    : e === 'lead'
      ? 'lead'
      : e === 'signup'
        ? 'sign-up'
        : typeof e === 'string'
          ? e.replace(/_/g, ' ')
          : 'conversion'

export function describeRule(rule: Json): string | null {
  const event = eventWord(rule.event)
  switch (rule.kind) {
    case 'flat': {
      const m = money(rule.amount)
      return m ? `${m} per ${event}` : null
    }
    case 'percentage': {
      const r = rate(rule.rate)
      return r ? `${r} of each ${event}${rule.netOfTax ? ' (net of tax)' : ''}` : null
    }
    case 'tiered': {
      const tiers = Array.isArray(rule.tiers) ? (rule.tiers as Json[]) : []
      const steps = tiers.map((t) => rate(t.rate) ?? money(t.amount)).filter((s): s is string => s !== null)
      if (steps.length === 0) return null
      const by = rule.metric === 'count' ? `${event}s` : 'revenue'
      return `${steps.join(' → ')} per ${event}, rising with your monthly ${by}`
    }
    case 'recurring': {
      const r = rate(rule.rate)
      if (!r) return null
      const n =
        typeof rule.maxPayments === 'number'
          ? `the first ${rule.maxPayments} payments`
          : 'every payment, for the customer’s lifetime'
      return `${r} of subscription payments: ${n}`
    }
    case 'product': {
      const r =
        rate(rule.rate) ?? (money(rule.amountPerUnit) ? `${money(rule.amountPerUnit)} per unit` : null)
      const match = rule.match as Json | undefined
      const values = Array.isArray(match?.values) ? (match.values as string[]).slice(0, 3).join(', ') : ''
      return r ? `${r} on ${values || 'selected products'}` : null
    }
    case 'multi_level': {
      const levels = Array.isArray(rule.levels) ? (rule.levels as Json[]) : []
      const first = levels[0]
      const r = first ? rate(first.rate) : null
      return r
        ? `${r} of the ${first?.of === 'revenue' ? 'sales' : 'commissions'} of partners you refer`
        : null
    }
    case 'bonus': {
      const m = money(rule.amount)
      const trigger = rule.trigger as Json | undefined
      if (!m || !trigger) return null
      if (trigger.metric === 'count')
        return `${m} bonus when you reach ${String(trigger.threshold)} ${eventWord(trigger.event)}s in a month`
      if (trigger.metric === 'revenue') {
        const t = isMoney(trigger.threshold) ? formatMoney(trigger.threshold) : null
        return t ? `${m} bonus when your monthly revenue reaches ${t}` : `${m} bonus`
      }
      return `${m} bonus when you reach a higher tier`
    }
    case 'cap': {
      const m = money(rule.amount)
      return m
        ? `Commission capped at ${m} ${rule.per === 'conversion' ? 'per conversion' : 'per month'}`
        : null
    }
    default:
      return null
  }
}

export function describeRules(rules: readonly Json[]): string[] {
  return rules.map(describeRule).filter((s): s is string => s !== null)
}

export function describeReward(spec: unknown): string | null {
  if (typeof spec !== 'object' || spec === null) return null
  const s = spec as Json
  switch (s.type) {
    case 'percent_coupon':
      return rate(s.percentOff) ? `${rate(s.percentOff)} off coupon` : null
    case 'fixed_coupon':
      return money(s.amount) ? `${money(s.amount)} off coupon` : null
    case 'store_credit':
      return money(s.amount)
        ? `${money(s.amount)} store credit`
        : rate(s.rate)
          ? `${rate(s.rate)} of their purchase as store credit`
          : null
    case 'cash':
      return money(s.amount)
        ? `${money(s.amount)} cash`
        : rate(s.rate)
          ? `${rate(s.rate)} of their purchase in cash`
          : null
    default:
      return null
  }
}

/** A referral program's rewards in words (referrer, friend, qualification, milestones). */
export function describeReferralRewards(rewards: Json | null): string[] {
  if (!rewards) return []
  const out: string[] = []
  const referrer = describeReward(rewards.referrerReward)
  if (referrer) out.push(`You get ${referrer} for each friend who buys`)
  const friend = describeReward(rewards.friendReward)
  if (friend) out.push(`Your friend gets ${friend}`)
  const q = rewards.qualification as Json | undefined
  if (q) {
    const min =
      isMoney(q.minFirstPurchase) && q.minFirstPurchase.amountMinor > 0
        ? formatMoney(q.minFirstPurchase)
        : null
    const hold = typeof q.holdDays === 'number' ? q.holdDays : 0
    if (min || hold) {
      out.push(
        `A referral counts once the friend's first purchase${min ? ` of at least ${min}` : ''}${hold ? ` is ${hold} days old and not refunded` : ''}`,
      )
    }
  }
  const milestones = Array.isArray(rewards.milestones) ? (rewards.milestones as Json[]) : []
  for (const m of milestones) {
    const r = describeReward(m.reward)
    if (r) out.push(`${r} when you reach ${String(m.qualifiedReferrals)} friends`)
  }
  return out
}
