import type { Money } from '../money/money.ts'
import { formatRate, type Rate, rateToRatio } from '../money/rate.ts'
import type { Ratio } from '../money/ratio.ts'
import { DEFAULT_ROUNDING, type RoundingMode } from '../money/rounding.ts'
import { type BonusTrigger, bonusTrigger } from './bonuses.ts'
import type {
  CapRule,
  CommissionRule,
  FlatRule,
  MultiLevelRule,
  PercentageRule,
  ProductRule,
  RecurringRule,
  RuleScope,
  RuleSet,
  Tier,
  TieredRule,
} from './rule-types.ts'
import { SCOPE_NAMES, scopeLevel } from './scope.ts'
import { compareSpecificity, specificity } from './specificity.ts'
import { tierStart } from './tiers.ts'
import type { PeriodVolume } from './types.ts'
import { assertValidRuleSet } from './validate-rule-set.ts'

export type OrderRule = FlatRule | PercentageRule | TieredRule | RecurringRule

/**
 * An order-level rule with the fields pricing reads for a rule of any kind, resolved once.
 * Entries of every kind have one object shape, so those reads stay fast in V8 whatever mix of
 * rule kinds a process has seen (the rules themselves have a shape per kind and per JSON).
 */
interface Entry<R extends OrderRule> {
  readonly kind: R['kind']
  readonly rule: R
  readonly id: string
  readonly name: string
  readonly scope: RuleScope | undefined
  /** How a precedence explanation names it: "partner-specific", "program-wide tiered". */
  readonly precedence: string
  readonly netOfTax: boolean
  readonly netOfShipping: boolean
  /** The rate of a percentage rule (null for other kinds). */
  readonly rate: CompiledRate | null
  /** The ladder of a tiered rule, boundaries as numbers (null for other kinds). */
  readonly tiers: readonly CompiledTier[] | null
}

/** A tier with its start as a number: a count of conversions, or minor units of the rule set's currency. */
export interface CompiledTier {
  readonly id: string
  readonly name: string
  readonly from: number
  readonly rate: CompiledRate | null
  /** A flat amount per conversion in minor units (null for a rate tier). */
  readonly amount: number | null
}

export type OrderEntry = Entry<FlatRule> | Entry<PercentageRule> | Entry<TieredRule> | Entry<RecurringRule>

/** A rule set checked once and indexed for evaluation; rates parsed to exact ratios. */
export interface CompiledRuleSet {
  readonly source: RuleSet
  readonly currency: string
  readonly rounding: RoundingMode
  /** By event, most specific first. */
  readonly orderRules: ReadonlyMap<string, readonly OrderEntry[]>
  readonly productRules: ReadonlyMap<string, readonly ProductRule[]>
  readonly multiLevel: readonly MultiLevelRule[]
  readonly caps: { readonly conversion: readonly CapRule[]; readonly partner_period: readonly CapRule[] }
  /** Bonus rules in list order, with their thresholds resolved. */
  readonly bonuses: readonly BonusTrigger[]
  /** A period with no volume yet, in the rule set's currency. */
  readonly emptyPeriod: PeriodVolume
  /** A rate object of the rules, parsed and formatted once. */
  rate(rate: Rate): CompiledRate
}

export interface CompiledRate {
  /** Exact fraction: { bps: 1000 } → 1/10. */
  readonly ratio: Ratio
  /** "10%" */
  readonly text: string
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

function orderEntry(rule: OrderRule, rate: (value: Rate) => CompiledRate): OrderEntry {
  const scope = SCOPE_NAMES[scopeLevel(rule.scope)]
  const conditional = rule.kind === 'recurring' || rule.kind === 'tiered'
  return {
    kind: rule.kind,
    rule,
    id: rule.id,
    name: rule.name,
    scope: rule.scope,
    precedence: conditional ? `${scope} ${rule.kind}` : scope,
    netOfTax: rule.kind !== 'flat' && Boolean(rule.netOfTax),
    netOfShipping: rule.kind !== 'flat' && Boolean(rule.netOfShipping),
    rate: rule.kind === 'percentage' ? rate(rule.rate) : null,
    tiers: rule.kind === 'tiered' ? compileTiers(rule, rate) : null,
  } as OrderEntry
}

function compileTiers(rule: TieredRule, rate: (value: Rate) => CompiledRate): CompiledTier[] {
  return (rule.tiers as readonly Tier[]).map((tier) => ({
    id: tier.id,
    name: tier.name,
    from: tierStart(tier),
    rate: tier.rate ? rate(tier.rate) : null,
    amount: tier.amount ? tier.amount.amountMinor : null,
  }))
}

function orderEntries(
  byEvent: Map<string, OrderRule[]>,
  rate: (value: Rate) => CompiledRate,
): Map<string, OrderEntry[]> {
  const entries = new Map<string, OrderEntry[]>()
  for (const [event, rules] of byEvent) {
    entries.set(
      event,
      rules.map((rule) => orderEntry(rule, rate)),
    )
  }
  return entries
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
  const rates = new Map<Rate, CompiledRate>()
  const rate = (value: Rate): CompiledRate => {
    let compiled = rates.get(value)
    if (!compiled) {
      const ratio = rateToRatio(value)
      compiled = { ratio, text: formatRate(value) }
      rates.set(value, compiled)
    }
    return compiled
  }
  const orderRules = rules.filter(
    (rule): rule is OrderRule =>
      rule.kind === 'flat' ||
      rule.kind === 'percentage' ||
      rule.kind === 'tiered' ||
      rule.kind === 'recurring',
  )
  const byId = new Map(rules.map((rule) => [rule.id, rule]))
  const zero: Money = { amountMinor: 0, currency: ruleSet.currency }
  return {
    source: ruleSet,
    currency: ruleSet.currency,
    rounding: ruleSet.rounding ?? DEFAULT_ROUNDING,
    orderRules: orderEntries(groupByEvent(orderRules), rate),
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
    bonuses: bonusTriggers(rules, byId, ruleSet.currency),
    emptyPeriod: { conversions: 0, revenue: zero, commission: zero },
    rate,
  }
}

function bonusTriggers(
  rules: readonly CommissionRule[],
  byId: ReadonlyMap<string, CommissionRule>,
  currency: string,
): BonusTrigger[] {
  const triggers: BonusTrigger[] = []
  for (const rule of rules) {
    if (rule.kind !== 'bonus') continue
    const trigger = bonusTrigger(rule, byId, currency)
    if (trigger) triggers.push(trigger)
  }
  return triggers
}
