import type { Money } from '../money/money.ts'
import type { Rate } from '../money/rate.ts'
import type { RoundingMode } from '../money/rounding.ts'

/**
 * Commission rules are plain JSON (stored as jsonb). Every rule has an `id` (stable, used in
 * ledger rows), a `name` (shown in explanations) and an optional `scope`.
 *
 * Which rule prices a conversion is decided by specificity, never by list order; see
 * README.md "Rule precedence". validateRuleSet() rejects rule sets where two rules would
 * be equally specific for the same conversion, so there is never a silent tie.
 */

/**
 * Who a rule applies to. Absent = every partner in the program. A partner-scoped rule is
 * more specific than a group-scoped one, which is more specific than a program-wide one.
 * JSON: { "partnerIds": ["p_1"] } or { "groupIds": ["g_gold"] } (one of them, not both).
 */
export type RuleScope = { readonly partnerIds: readonly string[] } | { readonly groupIds: readonly string[] }

/** Which line items a product rule prices. sku is more specific than productId, which beats category. */
export interface ItemMatch {
  readonly by: 'sku' | 'productId' | 'category'
  readonly values: readonly string[]
}

/** Which part of the order a percentage is taken from. Both default to false (gross amount). */
export interface RevenueBase {
  /** Subtract the conversion's tax before applying the rate. */
  readonly netOfTax?: boolean
  /** Subtract the conversion's shipping before applying the rate. */
  readonly netOfShipping?: boolean
}

interface RuleCommon {
  readonly id: string
  readonly name: string
  readonly scope?: RuleScope
}

/** A fixed amount per action (CPA / CPL): { kind: 'flat', event: 'lead', amount: { amountMinor: 500, currency: 'EUR' } }. */
export interface FlatRule extends RuleCommon {
  readonly kind: 'flat'
  /** 'sale' | 'lead' | 'signup' | any custom event name. */
  readonly event: string
  readonly amount: Money
}

/** A share of revenue: { kind: 'percentage', event: 'sale', rate: { bps: 1000 }, netOfTax: true }. */
export interface PercentageRule extends RuleCommon, RevenueBase {
  readonly kind: 'percentage'
  readonly event: string
  readonly rate: Rate
}

/**
 * One step of a ladder priced by the number of conversions in the period: `from` is a count
 * (the tier starts with the `from`-th conversion… counted including this one).
 * A tier pays either a `rate` of revenue or a flat `amount` per conversion.
 */
export interface CountTier {
  readonly id: string
  readonly name: string
  readonly from: number
  readonly rate?: Rate
  readonly amount?: Money
}

/**
 * One step of a ladder priced by period revenue: `from` is Money in the rule set's currency
 * ({ amountMinor: 100_000, currency: 'EUR' } = 1,000.00 EUR), like every other amount, so a
 * bare number of minor units (a factor-of-100 mistake away from the intended boundary) does
 * not type-check. Rule sets stored before this change hold a bare integer of minor units:
 * validateRuleSet() still accepts that stored form.
 */
export interface RevenueTier {
  readonly id: string
  readonly name: string
  readonly from: Money
  readonly rate?: Rate
  readonly amount?: Money
}

export type Tier = CountTier | RevenueTier

interface TieredRuleCommon extends RuleCommon, RevenueBase {
  readonly kind: 'tiered'
  readonly event: string
  readonly mode: 'whole' | 'marginal'
}

/**
 * Rates by the partner's volume in the current period (the caller's period, usually a month).
 * - mode 'whole': the whole conversion earns the tier reached by the volume including it.
 * - mode 'marginal' (revenue metric, rate tiers only): each slice of the conversion earns the
 *   rate of the band it falls in, like income tax brackets.
 * The first tier must start at 0, tiers strictly ascending.
 */
export type TieredRule = CountTieredRule | RevenueTieredRule

/** Tiers by the number of conversions of the event in the period. */
export interface CountTieredRule extends TieredRuleCommon {
  readonly metric: 'count'
  readonly tiers: readonly CountTier[]
}

/** Tiers by the partner's attributed net revenue in the period. */
export interface RevenueTieredRule extends TieredRuleCommon {
  readonly metric: 'revenue'
  readonly tiers: readonly RevenueTier[]
}

/**
 * Subscription payments (conversions with `recurring`). `maxPayments`: pay on the first N
 * payments, or null for the customer's lifetime. `after`: a different rate from month M on
 * (monthsSinceFirstPayment ≥ fromMonth), e.g. 30% for a year then 10%.
 */
export interface RecurringRule extends RuleCommon, RevenueBase {
  readonly kind: 'recurring'
  readonly event: string
  readonly rate: Rate
  readonly maxPayments: number | null
  readonly after?: { readonly fromMonth: number; readonly rate: Rate }
}

/** Prices matching line items: a `rate` of the item amount, or an `amountPerUnit` × quantity. */
export interface ProductRule extends RuleCommon {
  readonly kind: 'product'
  readonly event: string
  readonly match: ItemMatch
  readonly rate?: Rate
  readonly amountPerUnit?: Money
}

/**
 * Multi-level: the attributed partner's parents earn too. levels[0] is the direct parent
 * (level 1), levels[1] the grandparent (level 2)… Each level takes `rate` of either the
 * child's final commission or the conversion's revenue (× the child's attribution share).
 */
export interface MultiLevelRule extends RuleCommon, RevenueBase {
  readonly kind: 'multi_level'
  readonly levels: readonly { readonly rate: Rate; readonly of: 'commission' | 'revenue' }[]
}

/**
 * An upper limit on a partner's commission lines: per conversion, or per partner per period
 * (month) given the commission already earned in the period. Overrides and bonuses are not capped.
 */
export interface CapRule extends RuleCommon {
  readonly kind: 'cap'
  readonly per: 'conversion' | 'partner_period'
  readonly amount: Money
}

/**
 * A one-off bonus paid by the conversion that makes the partner's period volume cross a
 * threshold: a number of `event` conversions (metric 'count', a count), an amount of revenue
 * (metric 'revenue', Money in the rule set's currency), or the start of a tier of a tiered
 * rule (same event and metric as that rule). Every matching bonus fires.
 * JSON: { "trigger": { "event": "sale", "metric": "count", "threshold": 100 } }
 *    or { "trigger": { "event": "sale", "metric": "revenue", "threshold": { "amountMinor": 100000, "currency": "EUR" } } }
 *    or { "trigger": { "tier": { "ruleId": "r_tiers", "tierId": "gold" } } }
 * A revenue threshold stored as a bare integer of minor units (the earlier form) is still accepted.
 */
export interface BonusRule extends RuleCommon {
  readonly kind: 'bonus'
  readonly amount: Money
  readonly trigger:
    | { readonly event: string; readonly metric: 'count'; readonly threshold: number }
    | { readonly event: string; readonly metric: 'revenue'; readonly threshold: Money }
    | { readonly tier: { readonly ruleId: string; readonly tierId: string } }
}

export type CommissionRule =
  | FlatRule
  | PercentageRule
  | TieredRule
  | RecurringRule
  | ProductRule
  | MultiLevelRule
  | CapRule
  | BonusRule

export type CommissionRuleKind = CommissionRule['kind']

/** A program's rules. All Money in the rules and every ledger line are in `currency`. */
export interface RuleSet {
  readonly currency: string
  /** Rounding of each ledger line (one rounding step per line). Default 'half-even'. */
  readonly rounding?: RoundingMode
  readonly rules: readonly CommissionRule[]
}

export type RuleProblemCode =
  | 'invalid_rule_set'
  | 'duplicate_rule_id'
  | 'unknown_kind'
  | 'missing_field'
  | 'invalid_field'
  | 'invalid_scope'
  | 'invalid_money'
  | 'currency_mismatch'
  | 'invalid_rate'
  | 'invalid_tiers'
  | 'unknown_rule'
  | 'unknown_tier'
  | 'ambiguous_rules'

/** One problem found by validateRuleSet(). `path` is a JSON-pointer-like path ("rules/2/tiers/0/from"). */
export interface RuleProblem {
  readonly code: RuleProblemCode
  readonly ruleId: string | null
  readonly path: string
  readonly message: string
}
