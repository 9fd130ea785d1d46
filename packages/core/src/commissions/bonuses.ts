import type { Money } from '../money/money.ts'
import { add, compare, fromInt, type Ratio } from '../money/ratio.ts'
import type { CompiledRuleSet } from './compile.ts'
import { fmt, fmtExact } from './explain.ts'
import type { PreparedConversion } from './prepare.ts'
import type { PartnerFacts } from './price-partner.ts'
import type { BonusRule, CommissionRule, Tier } from './rule-types.ts'
import { scopeApplies } from './scope.ts'
import { tierStart } from './tiers.ts'
import type { CommissionLine } from './types.ts'

/** A bonus rule with its threshold resolved once per rule set (a tier trigger becomes its tier's start). */
export interface BonusTrigger {
  readonly rule: BonusRule
  readonly event: string
  readonly metric: 'count' | 'revenue'
  readonly threshold: number
  /** "reaching tier 'Gold' of rule 'Tiers'" or "reaching 100 sales in the period" */
  readonly what: string
}

/** Resolve a bonus rule's trigger; undefined for a tier that does not exist (validation rejects those). */
export function bonusTrigger(
  rule: BonusRule,
  byId: ReadonlyMap<string, CommissionRule>,
  currency: string,
): BonusTrigger | undefined {
  const trigger = rule.trigger
  if ('tier' in trigger) {
    const target = byId.get(trigger.tier.ruleId)
    if (target?.kind !== 'tiered') return undefined
    const tier = (target.tiers as readonly Tier[]).find((candidate) => candidate.id === trigger.tier.tierId)
    if (!tier) return undefined
    const start = tierStart(tier)
    const what = `reaching tier '${tier.name}' of rule '${target.name}' (from ${target.metric === 'count' ? `${start} ${target.event}s` : fmt(start, currency)})`
    return { rule, event: target.event, metric: target.metric, threshold: start, what }
  }
  const { event, metric } = trigger
  // A bare number on a revenue trigger is the stored form of rule sets written before thresholds became Money.
  const threshold: number = metric === 'count' ? trigger.threshold : moneyOrMinor(trigger.threshold)
  const what = `reaching ${metric === 'count' ? `${threshold} ${event}s` : fmt(threshold, currency)} in the period`
  return { rule, event, metric, threshold, what }
}

function moneyOrMinor(value: Money | number): number {
  return typeof value === 'number' ? value : value.amountMinor
}

/**
 * One-off bonuses, appended to `lines`: a bonus fires for the conversion that takes the
 * partner's period volume from below its threshold to at or above it
 * (before < threshold ≤ after), so it is paid once per period. Every matching bonus rule
 * fires; bonuses are not scaled by attribution share.
 */
export function bonusLines(
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
  lines: CommissionLine[],
): void {
  for (const { rule, event, metric, threshold, what } of rules.bonuses) {
    if (!scopeApplies(rule.scope, partner.partnerId, partner.groupId)) continue
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
}
