import { add, compare, fromInt, type Ratio } from '../money/ratio.ts'
import type { CompiledRuleSet } from './compile.ts'
import { fmt, fmtExact } from './explain.ts'
import type { PreparedConversion } from './prepare.ts'
import type { PartnerFacts } from './price-partner.ts'
import { scopeApplies } from './scope.ts'
import type { CommissionLine } from './types.ts'

/**
 * One-off bonuses: a bonus fires for the conversion that takes the partner's period volume
 * from below its threshold to at or above it (before < threshold ≤ after), so it is paid once
 * per period. Every matching bonus rule fires; bonuses are not scaled by attribution share.
 */
export function bonusLines(
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
): CommissionLine[] {
  const lines: CommissionLine[] = []
  for (const rule of rules.bonuses) {
    if (!scopeApplies(rule.scope, partner.partnerId, partner.groupId)) continue
    let event: string
    let metric: 'count' | 'revenue'
    let threshold: number
    let what: string
    if ('tier' in rule.trigger) {
      const target = rules.tierOf(rule.trigger.tier.ruleId, rule.trigger.tier.tierId)
      if (!target) continue // validation guarantees it exists
      event = target.rule.event
      metric = target.rule.metric
      threshold = target.tier.from
      what = `reaching tier '${target.tier.name}' of rule '${target.rule.name}'`
    } else {
      event = rule.trigger.event
      metric = rule.trigger.metric
      threshold = rule.trigger.threshold
      what = `reaching ${metric === 'count' ? `${threshold} ${event}s` : fmt(threshold, rules.currency)} in the period`
    }
    if (event !== prep.event) continue
    const before: Ratio = fromInt(
      metric === 'count' ? partner.period.conversions : partner.period.revenue.amountMinor,
    )
    const after = add(before, metric === 'count' ? fromInt(1) : partner.netRevenue)
    const limit = fromInt(threshold)
    if (!(compare(before, limit) < 0 && compare(limit, after) <= 0)) continue
    const volume =
      metric === 'count'
        ? `this is ${event} #${partner.period.conversions + 1} of the period`
        : `period revenue ${fmtExact(before, rules.currency)} → ${fmtExact(after, rules.currency)}`
    lines.push({
      partnerId: partner.partnerId,
      level: 0,
      ruleId: rule.id,
      kind: 'bonus',
      amount: { amountMinor: rule.amount.amountMinor, currency: rules.currency },
      explanation: `one-off bonus from rule '${rule.name}' for ${what} (${volume}) → ${fmt(rule.amount.amountMinor, rules.currency)}`,
    })
  }
  return lines
}
