import { InvalidRuleError } from '../errors.ts'
import { lookupCurrencyDecimals } from '../money/currencies.ts'
import { formatMinor } from '../money/format.ts'
import { rateToRatio } from '../money/rate.ts'
import { isRoundingMode } from '../money/rounding.ts'
import type { CommissionRule, RuleProblem, RuleProblemCode, RuleSet } from './rule-types.ts'
import { scopesOverlap } from './scope.ts'
import { compareSpecificity, ruleFamily, specificity } from './specificity.ts'

const KINDS = new Set(['flat', 'percentage', 'tiered', 'recurring', 'product', 'multi_level', 'cap', 'bonus'])

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0

/** Collects problems with a path and the rule they belong to. */
class Problems {
  readonly list: RuleProblem[] = []
  add(code: RuleProblemCode, ruleId: string | null, path: string, message: string): void {
    this.list.push({ code, ruleId, path, message })
  }
}

/**
 * Every problem in a rule set (an empty array means valid). Accepts unknown input straight
 * from jsonb or an API body. Checks shapes, money and rates, tier ladders, references
 * between rules (a bonus on a missing tier), and ambiguity: two rules that would be equally
 * specific for the same conversion and partner are an error, so precedence never depends on order.
 */
export function validateRuleSet(ruleSet: unknown): RuleProblem[] {
  const problems = new Problems()
  if (!isObject(ruleSet)) {
    problems.add('invalid_rule_set', null, '', 'A rule set must be an object { currency, rules }')
    return problems.list
  }
  const currency = ruleSet.currency
  if (typeof currency !== 'string' || lookupCurrencyDecimals(currency) === undefined) {
    problems.add(
      'invalid_rule_set',
      null,
      'currency',
      `Unknown rule set currency ${JSON.stringify(currency)}`,
    )
  }
  if (ruleSet.rounding !== undefined && !isRoundingMode(ruleSet.rounding)) {
    problems.add(
      'invalid_rule_set',
      null,
      'rounding',
      `Unknown rounding mode ${JSON.stringify(ruleSet.rounding)}: use 'half-even', 'half-up', 'down' or 'up'`,
    )
  }
  if (!Array.isArray(ruleSet.rules)) {
    problems.add('invalid_rule_set', null, 'rules', 'rules must be an array')
    return problems.list
  }
  const rules: unknown[] = ruleSet.rules
  const seen = new Set<string>()
  const wellFormed: CommissionRule[] = []
  rules.forEach((rule, index) => {
    const before = problems.list.length
    checkRule(rule, `rules/${index}`, typeof currency === 'string' ? currency : '', problems)
    if (isObject(rule) && isNonEmptyString(rule.id)) {
      if (seen.has(rule.id)) {
        problems.add('duplicate_rule_id', rule.id, `rules/${index}/id`, `Two rules have the id '${rule.id}'`)
      }
      seen.add(rule.id)
    }
    if (problems.list.length === before) wellFormed.push(rule as CommissionRule)
  })
  checkReferences(wellFormed, problems)
  checkAmbiguity(wellFormed, problems)
  return problems.list
}

/** validateRuleSet() that throws InvalidRuleError listing every problem, and narrows the type. */
export function assertValidRuleSet(ruleSet: unknown): RuleSet {
  const problems = validateRuleSet(ruleSet)
  if (problems.length > 0) throw new InvalidRuleError(problems)
  return ruleSet as RuleSet
}

function checkRule(rule: unknown, path: string, currency: string, problems: Problems): void {
  if (!isObject(rule)) {
    problems.add('invalid_field', null, path, `${path} must be a rule object`)
    return
  }
  const id = isNonEmptyString(rule.id) ? rule.id : null
  const label = id ? `Rule '${id}'` : `The rule at ${path}`
  const add = (code: RuleProblemCode, field: string, message: string) =>
    problems.add(code, id, field ? `${path}/${field}` : path, `${label}: ${message}`)

  if (!id) add('missing_field', 'id', 'needs a non-empty string id')
  if (!isNonEmptyString(rule.name))
    add('missing_field', 'name', 'needs a non-empty name (it is shown in explanations)')
  if (!KINDS.has(rule.kind as string)) {
    add(
      'unknown_kind',
      'kind',
      `unknown kind ${JSON.stringify(rule.kind)}: use flat, percentage, tiered, recurring, product, multi_level, cap or bonus`,
    )
    return
  }
  checkScope(rule.scope, add)

  const money = (field: string, value: unknown, what: string) => checkMoney(value, currency, field, what, add)
  const rate = (field: string, value: unknown) => checkRate(value, field, add)
  const event = () => {
    if (!isNonEmptyString(rule.event))
      add('missing_field', 'event', "needs an event ('sale', 'lead', 'signup' or custom)")
  }
  const base = () => {
    for (const flag of ['netOfTax', 'netOfShipping']) {
      if (rule[flag] !== undefined && typeof rule[flag] !== 'boolean')
        add('invalid_field', flag, `${flag} must be true or false`)
    }
  }

  switch (rule.kind) {
    case 'flat':
      event()
      money('amount', rule.amount, 'amount')
      return
    case 'percentage':
      event()
      base()
      rate('rate', rule.rate)
      return
    case 'tiered':
      event()
      base()
      checkTiers(rule, currency, add)
      return
    case 'recurring':
      event()
      base()
      rate('rate', rule.rate)
      if (
        rule.maxPayments !== null &&
        !(Number.isSafeInteger(rule.maxPayments) && (rule.maxPayments as number) >= 1)
      ) {
        add('invalid_field', 'maxPayments', 'maxPayments must be a whole number ≥ 1, or null for lifetime')
      }
      if (rule.after !== undefined) {
        if (!isObject(rule.after)) add('invalid_field', 'after', 'after must be { fromMonth, rate }')
        else {
          if (!(Number.isSafeInteger(rule.after.fromMonth) && (rule.after.fromMonth as number) >= 1)) {
            add('invalid_field', 'after/fromMonth', 'after.fromMonth must be a whole number of months ≥ 1')
          }
          rate('after/rate', rule.after.rate)
        }
      }
      return
    case 'product': {
      event()
      const match = rule.match
      if (!isObject(match) || !['sku', 'productId', 'category'].includes(match.by as string)) {
        add('invalid_field', 'match', "match must be { by: 'sku' | 'productId' | 'category', values: [...] }")
      } else if (
        !Array.isArray(match.values) ||
        match.values.length === 0 ||
        !match.values.every(isNonEmptyString)
      ) {
        add('invalid_field', 'match/values', 'match.values must be a non-empty list of strings')
      }
      exactlyOne(rule, 'rate', 'amountPerUnit', add)
      if (rule.rate !== undefined) rate('rate', rule.rate)
      if (rule.amountPerUnit !== undefined) money('amountPerUnit', rule.amountPerUnit, 'amountPerUnit')
      return
    }
    case 'multi_level':
      base()
      if (!Array.isArray(rule.levels) || rule.levels.length === 0 || rule.levels.length > 10) {
        add('invalid_field', 'levels', 'levels must list 1 to 10 levels, the direct parent first')
        return
      }
      rule.levels.forEach((level: unknown, index: number) => {
        if (!isObject(level)) {
          add('invalid_field', `levels/${index}`, 'each level must be { rate, of }')
          return
        }
        rate(`levels/${index}/rate`, level.rate)
        if (level.of !== 'commission' && level.of !== 'revenue') {
          add('invalid_field', `levels/${index}/of`, "level.of must be 'commission' or 'revenue'")
        }
      })
      return
    case 'cap':
      if (rule.per !== 'conversion' && rule.per !== 'partner_period') {
        add('invalid_field', 'per', "per must be 'conversion' or 'partner_period'")
      }
      money('amount', rule.amount, 'amount')
      return
    case 'bonus': {
      money('amount', rule.amount, 'amount')
      const trigger = rule.trigger
      if (!isObject(trigger)) {
        add(
          'invalid_field',
          'trigger',
          'trigger must be { event, metric, threshold } or { tier: { ruleId, tierId } }',
        )
      } else if (isObject(trigger.tier)) {
        if (!isNonEmptyString(trigger.tier.ruleId) || !isNonEmptyString(trigger.tier.tierId)) {
          add('invalid_field', 'trigger/tier', 'trigger.tier needs ruleId and tierId')
        }
      } else {
        if (!isNonEmptyString(trigger.event))
          add('missing_field', 'trigger/event', 'trigger.event is required')
        if (trigger.metric !== 'count' && trigger.metric !== 'revenue') {
          add('invalid_field', 'trigger/metric', "trigger.metric must be 'count' or 'revenue'")
        }
        checkThreshold(trigger.threshold, trigger.metric, currency, add)
      }
      return
    }
  }
}

type Add = (code: RuleProblemCode, field: string, message: string) => void

/** A value as a message shows it: objects and strings as JSON, numbers (NaN too) as they are. */
const shown = (value: unknown): string =>
  typeof value === 'string' || (typeof value === 'object' && value !== null)
    ? JSON.stringify(value)
    : String(value)

/**
 * A count threshold is a whole number ≥ 1; a revenue threshold is Money in the rule set's
 * currency above zero, or a bare integer of minor units (the form stored before it became Money).
 */
function checkThreshold(threshold: unknown, metric: unknown, currency: string, add: Add): void {
  if (metric === 'revenue' && isObject(threshold)) {
    const valid = checkMoney(threshold, currency, 'trigger/threshold', 'trigger.threshold', add)
    if (valid && threshold.amountMinor === 0) {
      add('invalid_field', 'trigger/threshold', 'trigger.threshold must be more than zero')
    }
    return
  }
  if (!(Number.isSafeInteger(threshold) && (threshold as number) >= 1)) {
    const what =
      metric === 'revenue' ? `Money in ${currency || 'the rule set currency'}` : 'a whole number ≥ 1'
    add('invalid_field', 'trigger/threshold', `trigger.threshold must be ${what}, got ${shown(threshold)}`)
  }
}

function checkScope(scope: unknown, add: Add): void {
  if (scope === undefined) return
  const lists = isObject(scope) ? (['partnerIds', 'groupIds'] as const).filter((key) => key in scope) : []
  if (!isObject(scope) || lists.length !== 1) {
    add(
      'invalid_scope',
      'scope',
      'scope must be { partnerIds: [...] } or { groupIds: [...] } (one of them), or absent',
    )
    return
  }
  const key = lists[0]!
  const values = scope[key]
  if (!Array.isArray(values) || values.length === 0 || !values.every(isNonEmptyString)) {
    add('invalid_scope', `scope/${key}`, `scope.${key} must be a non-empty list of ids`)
  }
}

/** Adds a problem for anything but a non-negative Money in `currency`; true when the value is fine. */
function checkMoney(value: unknown, currency: string, field: string, what: string, add: Add): boolean {
  if (!isObject(value) || typeof value.currency !== 'string') {
    add('invalid_money', field, `${what} must be { amountMinor, currency }`)
    return false
  }
  let valid = true
  if (lookupCurrencyDecimals(value.currency) === undefined) {
    add('invalid_money', field, `${what} has an unknown currency ${JSON.stringify(value.currency)}`)
    valid = false
  } else if (currency && value.currency !== currency) {
    add('currency_mismatch', field, `${what} is in ${value.currency} but the rule set is in ${currency}`)
    valid = false
  }
  const minor = value.amountMinor
  if (typeof minor !== 'number' || !Number.isSafeInteger(minor) || minor < 0) {
    add(
      'invalid_money',
      field,
      `${what} must be a whole, non-negative number of minor units, got ${describeMinor(minor, value.currency)}`,
    )
    valid = false
  }
  return valid
}

/** "-500 minor units (-5.00 EUR)" when the number and currency allow it, else the raw value. */
function describeMinor(minor: unknown, currency: unknown): string {
  if (typeof minor === 'number' && Number.isSafeInteger(minor) && typeof currency === 'string') {
    if (lookupCurrencyDecimals(currency) !== undefined)
      return `${minor} minor units (${formatMinor(minor, currency)})`
  }
  return String(minor)
}

function checkRate(value: unknown, field: string, add: Add): void {
  try {
    rateToRatio(value as never)
  } catch (error) {
    add('invalid_rate', field, error instanceof Error ? error.message : 'invalid rate')
  }
}

function exactlyOne(rule: Json, a: string, b: string, add: Add): void {
  if ((rule[a] === undefined) === (rule[b] === undefined))
    add('invalid_field', a, `needs exactly one of ${a} or ${b}`)
}

function checkTiers(rule: Json, currency: string, add: Add): void {
  if (rule.metric !== 'count' && rule.metric !== 'revenue')
    add('invalid_field', 'metric', "metric must be 'count' or 'revenue'")
  if (rule.mode !== 'whole' && rule.mode !== 'marginal')
    add('invalid_field', 'mode', "mode must be 'whole' or 'marginal'")
  const tiers = rule.tiers
  if (!Array.isArray(tiers) || tiers.length === 0) {
    add('invalid_tiers', 'tiers', 'tiers must be a non-empty list')
    return
  }
  const ids = new Set<string>()
  let previous = -1
  tiers.forEach((tier: unknown, index: number) => {
    const at = `tiers/${index}`
    if (!isObject(tier)) {
      add('invalid_tiers', at, 'each tier must be { id, name, from, rate | amount }')
      return
    }
    if (!isNonEmptyString(tier.id)) add('missing_field', `${at}/id`, 'each tier needs an id')
    else if (ids.has(tier.id)) add('invalid_tiers', `${at}/id`, `two tiers have the id '${tier.id}'`)
    else ids.add(tier.id)
    if (!isNonEmptyString(tier.name)) add('missing_field', `${at}/name`, 'each tier needs a name')
    const from = tierBoundary(tier.from, rule.metric, currency, `${at}/from`, add)
    if (from !== null) {
      if (index === 0 && from !== 0) add('invalid_tiers', `${at}/from`, 'the first tier must start at 0')
      if (from <= previous)
        add('invalid_tiers', `${at}/from`, 'tiers must be in strictly ascending order of from')
      previous = from
    }
    exactlyOne(tier, 'rate', 'amount', (code, field, message) => add(code, `${at}/${field}`, message))
    if (tier.rate !== undefined) checkRate(tier.rate, `${at}/rate`, add)
    if (tier.amount !== undefined) checkMoney(tier.amount, currency, `${at}/amount`, 'tier amount', add)
    if (rule.mode === 'marginal' && tier.rate === undefined) {
      add('invalid_tiers', `${at}/rate`, 'marginal tiers split revenue, so every tier needs a rate')
    }
  })
  if (rule.mode === 'marginal' && rule.metric !== 'revenue') {
    add(
      'invalid_tiers',
      'mode',
      "marginal tiers need metric 'revenue' (one conversion cannot be split by count)",
    )
  }
}

/**
 * A tier's start as a number, or null (with a problem) when it is malformed. Count tiers start
 * at a whole number of conversions; revenue tiers at Money in the rule set's currency, or at a
 * bare integer of minor units, the form rule sets were stored in before boundaries became Money.
 */
function tierBoundary(
  from: unknown,
  metric: unknown,
  currency: string,
  field: string,
  add: Add,
): number | null {
  if (metric === 'revenue' && isObject(from)) {
    return checkMoney(from, currency, field, 'a revenue tier boundary', add)
      ? (from.amountMinor as number)
      : null
  }
  if (typeof from === 'number' && Number.isSafeInteger(from) && from >= 0) return from
  const expected =
    metric === 'revenue'
      ? `Money in ${currency || 'the rule set currency'}, e.g. { amountMinor: 100000, currency: '${currency || 'EUR'}' } for 1,000.00`
      : 'a whole number ≥ 0 of conversions'
  add('invalid_tiers', field, `tier.from must be ${expected}, got ${shown(from)}`)
  return null
}

function checkReferences(rules: readonly CommissionRule[], problems: Problems): void {
  const byId = new Map(rules.map((rule) => [rule.id, rule]))
  for (const rule of rules) {
    if (rule.kind !== 'bonus' || !('tier' in rule.trigger)) continue
    const { ruleId, tierId } = rule.trigger.tier
    const target = byId.get(ruleId)
    const path = `rules/${rules.indexOf(rule)}/trigger/tier`
    if (!target) {
      problems.add(
        'unknown_rule',
        rule.id,
        path,
        `Rule '${rule.id}': the bonus refers to rule '${ruleId}', which does not exist`,
      )
    } else if (target.kind !== 'tiered') {
      problems.add(
        'unknown_rule',
        rule.id,
        path,
        `Rule '${rule.id}': rule '${ruleId}' is ${target.kind}, not tiered`,
      )
    } else if (!target.tiers.some((tier) => tier.id === tierId)) {
      const known = target.tiers.map((tier) => tier.id).join(', ')
      problems.add(
        'unknown_tier',
        rule.id,
        path,
        `Rule '${rule.id}': tiered rule '${ruleId}' has no tier '${tierId}' (its tiers: ${known})`,
      )
    }
  }
}

/** Two rules of one family, equally specific, that can both apply to one partner and one conversion. */
function checkAmbiguity(rules: readonly CommissionRule[], problems: Problems): void {
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i]!
      const b = rules[j]!
      if (ruleFamily(a) !== ruleFamily(b)) continue
      if (compareSpecificity(specificity(a), specificity(b)) !== 0) continue
      if (!scopesOverlap(a.scope, b.scope)) continue
      if (a.kind === 'product' && b.kind === 'product') {
        if (!a.match.values.some((value) => b.match.values.includes(value))) continue
      }
      problems.add(
        'ambiguous_rules',
        b.id,
        `rules/${j}`,
        `Rules '${a.id}' and '${b.id}' are equally specific for the same ${a.kind === 'product' ? 'items' : 'conversions'} and partners: narrow one of them (scope, event, match) or remove it`,
      )
    }
  }
}
