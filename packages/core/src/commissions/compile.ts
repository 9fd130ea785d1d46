import { formatFraction, type Rate, rateToRatio } from '../money/rate.ts'
import type { Ratio } from '../money/ratio.ts'
import { DEFAULT_ROUNDING, type RoundingMode } from '../money/rounding.ts'
import type {
  BonusRule,
  CapRule,
  CommissionRule,
  FlatRule,
  MultiLevelRule,
  PercentageRule,
  ProductRule,
  RecurringRule,
  RuleSet,
  Tier,
  TieredRule,
} from './rule-types.ts'
import { compareSpecificity, specificity } from './specificity.ts'
import { assertValidRuleSet } from './validate-rule-set.ts'

export type OrderRule = FlatRule | PercentageRule | TieredRule | RecurringRule

/** A rule set checked once and indexed for evaluation; rates parsed to exact ratios. */
export interface CompiledRuleSet {
  readonly source: RuleSet
  readonly currency: string
  readonly rounding: RoundingMode
  /** By event, most specific first. */
  readonly orderRules: ReadonlyMap<string, readonly OrderRule[]>
  readonly productRules: ReadonlyMap<string, readonly ProductRule[]>
  readonly multiLevel: readonly MultiLevelRule[]
  readonly caps: { readonly conversion: readonly CapRule[]; readonly partner_period: readonly CapRule[] }
  readonly bonuses: readonly BonusRule[]
  readonly byId: ReadonlyMap<string, CommissionRule>
  /** Exact value of every rate object in the rules, parsed once. */
  rate(rate: Rate): Ratio
  /** "12.5%" for a rate object, formatted once. */
  rateText(rate: Rate): string
  /** The tier ladder a bonus refers to. */
  tierOf(ruleId: string, tierId: string): { rule: TieredRule; tier: Tier } | undefined
}

const cache = new WeakMap<RuleSet, CompiledRuleSet>()

/**
 * Validate (throws InvalidRuleError) and index a rule set. Cached per rule set object, so
 * treat rule sets as immutable: build a new object to change rules.
 */
export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const cached = cache.get(ruleSet)
  if (cached) return cached
  assertValidRuleSet(ruleSet)
  const compiled = build(ruleSet)
  cache.set(ruleSet, compiled)
  return compiled
}

function bySpecificity<T extends CommissionRule>(rules: T[]): T[] {
  // Array.prototype.sort is stable: equally specific rules (rejected by validation) keep list order.
  return rules.sort((a, b) => compareSpecificity(specificity(a), specificity(b)))
}

function groupByEvent<T extends CommissionRule & { event: string }>(rules: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const rule of rules) {
    const list = map.get(rule.event)
    if (list) list.push(rule)
    else map.set(rule.event, [rule])
  }
  for (const list of map.values()) bySpecificity(list)
  return map
}

function build(ruleSet: RuleSet): CompiledRuleSet {
  const rules = ruleSet.rules
  const rates = new Map<object, Ratio>()
  const texts = new Map<object, string>()
  const rate = (value: Rate): Ratio => {
    let parsed = rates.get(value)
    if (!parsed) {
      parsed = rateToRatio(value)
      rates.set(value, parsed)
    }
    return parsed
  }
  const orderRules = rules.filter(
    (rule): rule is OrderRule =>
      rule.kind === 'flat' ||
      rule.kind === 'percentage' ||
      rule.kind === 'tiered' ||
      rule.kind === 'recurring',
  )
  const byId = new Map(rules.map((rule) => [rule.id, rule]))
  return {
    source: ruleSet,
    currency: ruleSet.currency,
    rounding: ruleSet.rounding ?? DEFAULT_ROUNDING,
    orderRules: groupByEvent(orderRules),
    productRules: groupByEvent(rules.filter((rule): rule is ProductRule => rule.kind === 'product')),
    multiLevel: bySpecificity(rules.filter((rule): rule is MultiLevelRule => rule.kind === 'multi_level')),
    caps: {
      conversion: bySpecificity(
        rules.filter((rule): rule is CapRule => rule.kind === 'cap' && rule.per === 'conversion'),
      ),
      partner_period: bySpecificity(
        rules.filter((rule): rule is CapRule => rule.kind === 'cap' && rule.per === 'partner_period'),
      ),
    },
    bonuses: rules.filter((rule): rule is BonusRule => rule.kind === 'bonus'),
    byId,
    rate,
    rateText(value: Rate): string {
      let text = texts.get(value)
      if (text === undefined) {
        text = formatFraction(rate(value))
        texts.set(value, text)
      }
      return text
    },
    tierOf(ruleId, tierId) {
      const rule = byId.get(ruleId)
      if (rule?.kind !== 'tiered') return undefined
      const tier = rule.tiers.find((candidate) => candidate.id === tierId)
      return tier ? { rule, tier } : undefined
    },
  }
}
