import {
  add,
  compare,
  div,
  fromInt,
  isZero,
  mul,
  type Ratio,
  roundRatio,
  sub,
  toNumber,
  ZERO,
} from '../money/ratio.ts'
import type { CompiledRuleSet, CompiledTier, OrderEntry } from './compile.ts'
import { fmt, fmtExact, pct, revenueBase, shareText } from './explain.ts'
import type { PreparedConversion } from './prepare.ts'
import type { ProductRule, RevenueBase, TieredRule } from './rule-types.ts'
import { SCOPE_NAMES, scopeApplies, scopeLevel } from './scope.ts'
import type { LineItem, PeriodVolume } from './types.ts'

/** The attributed partner as pricing sees it. */
export interface PartnerFacts {
  readonly partnerId: string
  /** How explanations name the partner: its name, or its id when it has none. */
  readonly label: string
  readonly groupId: string | null
  readonly weightPpm: number
  /** weightPpm / 1,000,000 */
  readonly weight: Ratio
  readonly period: PeriodVolume
  /** This conversion's attributed net revenue in rule-set minor units (exact). */
  readonly netRevenue: Ratio
}

/**
 * A commission line before caps: its exact amount, rounded once with the rule set's mode.
 * `body` is the explanation up to the arrow. Caps and shared commissions change `amount`.
 */
export interface Draft {
  readonly ruleId: string
  /** The partner's exact amount: `unshared` × the attribution weight. */
  readonly exact: Ratio
  /** What the rule pays for the whole conversion, before the attribution share (partners with equal ones share one commission). */
  readonly unshared: Ratio
  /** The partner's attribution weight in parts per million. */
  readonly weightPpm: number
  amount: number
  body: string
  /** Rounded as part of a commission several partners share. */
  shared: boolean
}

function draft(
  rules: CompiledRuleSet,
  ruleId: string,
  unshared: Ratio,
  partner: PartnerFacts,
  body: string,
): Draft {
  const exact = mul(unshared, partner.weight)
  const amount = roundRatio(exact, rules.rounding)
  return { ruleId, exact, unshared, weightPpm: partner.weightPpm, amount, body, shared: false }
}

/**
 * Price one partner's share of a conversion: product rules take the line items they match
 * (most specific first), the most specific order-level rule takes the rest. Notes go to `notes`.
 */
export function pricePartner(
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
  notes: string[],
): Draft[] {
  const drafts: Draft[] = []
  const { pricedAmount, allItemsPriced } = priceItems(prep, rules, partner, drafts)

  const candidates = rules.orderRules.get(prep.event) ?? NO_RULES
  let winner: OrderEntry | undefined
  let runnerUp: OrderEntry | undefined
  // The most specific recurring rule that would have priced this payment but for its limit.
  let exhausted: OrderEntry | undefined
  for (const entry of candidates) {
    if (!scopeApplies(entry.scope, partner.partnerId, partner.groupId)) continue
    if (!orderRuleApplies(entry, prep)) {
      if (!winner && !exhausted && isPastLimit(entry, prep)) exhausted = entry
      continue
    }
    if (!winner) winner = entry
    else {
      runnerUp = entry
      break
    }
  }
  // The order-level rule prices what is left: unpriced items or revenue the items do not cover.
  const netLeft = prep.amount - prep.tax - prep.shipping - pricedAmount
  if (allItemsPriced && netLeft === 0) {
    if (winner) {
      notes.push(
        `Product rules priced the whole order, so rule '${winner.name}' adds nothing for ${partner.label}.`,
      )
    }
    return drafts
  }
  const beyondItems = drafts.length > 0 ? ' beyond its line items' : ''
  if (!winner) {
    if (exhausted) {
      notes.push(
        `${partner.label} earns no commission${beyondItems} on this payment: ${limitText(exhausted, prep)}.`,
      )
    } else if (prep.isRenewal) {
      notes.push(
        `No commission rule prices renewal payment #${prep.recurring!.paymentIndex} for ${partner.label}${beyondItems}: renewals (payment 2 on) are priced by recurring rules only, and none applies.`,
      )
    } else {
      notes.push(`No commission rule prices '${prep.event}' for ${partner.label}${beyondItems}.`)
    }
    return drafts
  }
  // Say why this rule won when another one also applied: precedence must never be a mystery.
  let why = runnerUp ? `${winner.precedence}; beats ${runnerUp.precedence} rule '${runnerUp.name}'` : ''
  if (exhausted) why = `${why ? `${why}; ` : ''}${limitText(exhausted, prep)}`
  const named = why ? `'${winner.name}' (${why})` : `'${winner.name}'`
  drafts.push(priceOrder(winner, prep, rules, partner, pricedAmount, named))
  return drafts
}

const NO_RULES: readonly OrderEntry[] = []

/** Whether a rule that applies to the partner prices this conversion (renewals: recurring rules only). */
function orderRuleApplies(entry: OrderEntry, prep: PreparedConversion): boolean {
  if (entry.kind === 'recurring') {
    const payment = prep.recurring
    const max = entry.rule.maxPayments
    return payment !== null && (max === null || payment.paymentIndex <= max)
  }
  return !prep.isRenewal
}

function isPastLimit(entry: OrderEntry, prep: PreparedConversion): boolean {
  if (entry.kind !== 'recurring' || prep.recurring === null) return false
  const max = entry.rule.maxPayments
  return max !== null && prep.recurring.paymentIndex > max
}

/** "rule 'SaaS 20%' pays the first 12 payments; this is payment 13" */
function limitText(entry: OrderEntry, prep: PreparedConversion): string {
  const max = (entry.rule as { maxPayments: number }).maxPayments
  const first = max === 1 ? 'the first payment' : `the first ${max} payments`
  return `rule '${entry.name}' pays ${first}; this is payment ${prep.recurring!.paymentIndex}`
}

function matchedValue(rule: ProductRule, item: LineItem): string | null | undefined {
  return rule.match.by === 'sku' ? item.sku : rule.match.by === 'productId' ? item.productId : item.category
}

function itemMatches(rule: ProductRule, item: LineItem): boolean {
  const value = matchedValue(rule, item)
  return value != null && rule.match.values.includes(value)
}

const NO_ITEMS_PRICED = { pricedAmount: 0, allItemsPriced: false } as const

/** The most specific product rule for the partner that matches the item (candidates are sorted). */
function ruleForItem(
  candidates: readonly ProductRule[],
  item: LineItem,
  partner: PartnerFacts,
): ProductRule | undefined {
  for (const rule of candidates) {
    if (scopeApplies(rule.scope, partner.partnerId, partner.groupId) && itemMatches(rule, item)) return rule
  }
  return undefined
}

/** Assign each line item to its most specific product rule; one draft per rule. */
function priceItems(
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
  drafts: Draft[],
): { pricedAmount: number; allItemsPriced: boolean } {
  const candidates = rules.productRules.get(prep.event)
  if (!candidates || prep.items.length === 0 || prep.isRenewal) return NO_ITEMS_PRICED
  // The rules that priced something, in order of their first item, and their items.
  const groupRules: ProductRule[] = []
  const groupItems: LineItem[][] = []
  let pricedAmount = 0
  let pricedCount = 0
  for (const item of prep.items) {
    const rule = ruleForItem(candidates, item, partner)
    if (!rule) continue
    pricedAmount += item.amount.amountMinor
    pricedCount++
    const group = groupRules.indexOf(rule)
    if (group >= 0) groupItems[group]!.push(item)
    else {
      groupRules.push(rule)
      groupItems.push([item])
    }
  }
  for (let group = 0; group < groupRules.length; group++) {
    drafts.push(priceProduct(groupRules[group]!, groupItems[group]!, prep, rules, partner))
  }
  return { pricedAmount, allItemsPriced: pricedCount === prep.items.length }
}

/** "books" or "S1, S2": the distinct values the items matched on, in item order. */
function matchedValues(rule: ProductRule, items: readonly LineItem[]): string {
  let text = ''
  for (let i = 0; i < items.length; i++) {
    const value = matchedValue(rule, items[i]!) ?? ''
    let seen = false
    for (let j = 0; j < i && !seen; j++) seen = (matchedValue(rule, items[j]!) ?? '') === value
    if (!seen) text = i === 0 ? value : `${text}, ${value}`
  }
  return text
}

function priceProduct(
  rule: ProductRule,
  items: readonly LineItem[],
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
): Draft {
  const how = `${rule.match.by} ${matchedValues(rule, items)}, ${SCOPE_NAMES[scopeLevel(rule.scope)]}`
  const share = shareText(partner.weightPpm)
  if (rule.amountPerUnit) {
    let units = 0
    for (const item of items) units += item.quantity
    const unshared = mul(fromInt(rule.amountPerUnit.amountMinor), fromInt(units))
    const body = `${fmt(rule.amountPerUnit.amountMinor, rules.currency)} per unit from product rule '${rule.name}' (${how}) × ${units} unit(s)${share}`
    return draft(rules, rule.id, unshared, partner, body)
  }
  const rate = rules.rate(rule.rate!)
  let total = 0
  for (const item of items) total += item.amount.amountMinor
  const unshared = mul(mul(fromInt(total), rate.ratio), prep.toProgram)
  const body = `${rate.text} from product rule '${rule.name}' (${how}), on ${items.length} item(s) worth ${fmt(total, prep.currency)}${share}${prep.fxText}`
  return draft(rules, rule.id, unshared, partner, body)
}

function priceOrder(
  entry: OrderEntry,
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
  pricedElsewhere: number,
  named: string,
): Draft {
  const ruleId = entry.id
  const share = shareText(partner.weightPpm)
  switch (entry.kind) {
    case 'flat': {
      const amount = entry.rule.amount.amountMinor
      return draft(
        rules,
        ruleId,
        fromInt(amount),
        partner,
        `${fmt(amount, rules.currency)} per ${prep.event} from rule ${named}${share}`,
      )
    }
    case 'percentage': {
      const rate = entry.rate!
      const base = revenueBase(prep, entry, pricedElsewhere, partner.weightPpm)
      const unshared = mul(mul(fromInt(base.base), rate.ratio), prep.toProgram)
      return draft(
        rules,
        ruleId,
        unshared,
        partner,
        `${rate.text} revenue share from rule ${named}, ${base.text}`,
      )
    }
    case 'recurring': {
      const rule = entry.rule
      const payment = prep.recurring!
      const later = rule.after && payment.monthsSinceFirstPayment >= rule.after.fromMonth
      const chosen = later ? rule.after!.rate : rule.rate
      const rate = rules.rate(chosen)
      const base = revenueBase(prep, entry, pricedElsewhere, partner.weightPpm)
      const unshared = mul(mul(fromInt(base.base), rate.ratio), prep.toProgram)
      const of = rule.maxPayments === null ? 'lifetime' : `of ${rule.maxPayments}`
      const phase = later ? `, the rate from month ${rule.after!.fromMonth} on` : ''
      const body = `${rate.text} recurring commission from rule ${named} (payment #${payment.paymentIndex} ${of}, month ${payment.monthsSinceFirstPayment}${phase}), ${base.text}`
      return draft(rules, ruleId, unshared, partner, body)
    }
    case 'tiered':
      return priceTiered(entry.rule, entry.tiers!, entry, prep, rules, partner, pricedElsewhere, named)
  }
}

/** "12 sales" or "1,200.00 EUR" */
function volumeText(value: Ratio, rule: TieredRule, event: string, currency: string): string {
  return rule.metric === 'count' ? `${toNumber(value)} ${event}s` : fmtExact(value, currency)
}

function tierAt(tiers: readonly CompiledTier[], volume: Ratio): CompiledTier {
  let found = tiers[0]!
  for (const tier of tiers) if (compare(fromInt(tier.from), volume) <= 0) found = tier
  return found
}

function priceTiered(
  rule: TieredRule,
  tiers: readonly CompiledTier[],
  revenue: RevenueBase,
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
  pricedElsewhere: number,
  named: string,
): Draft {
  const currency = rules.currency
  const base = revenueBase(prep, revenue, pricedElsewhere, partner.weightPpm)
  const baseUnshared = mul(fromInt(base.base), prep.toProgram)
  const before = fromInt(
    rule.metric === 'count' ? partner.period.conversions : partner.period.revenue.amountMinor,
  )
  const increase = rule.metric === 'count' ? fromInt(1) : partner.netRevenue
  const after = add(before, increase)
  if (rule.mode === 'whole') {
    const tier = tierAt(tiers, after)
    const where = `tier '${tier.name}' of rule ${named}: the tier starts at ${volumeText(fromInt(tier.from), rule, prep.event, currency)}, the period volume is ${volumeText(after, rule, prep.event, currency)} including this ${prep.event}`
    if (tier.amount !== null) {
      const body = `${fmt(tier.amount, currency)} per ${prep.event} from ${where}${shareText(partner.weightPpm)}`
      return draft(rules, rule.id, fromInt(tier.amount), partner, body)
    }
    const rate = tier.rate!
    return draft(
      rules,
      rule.id,
      mul(baseUnshared, rate.ratio),
      partner,
      `${rate.text} from ${where}; ${base.text}`,
    )
  }

  // Marginal: the slice [before, after) of period revenue is split over the tier bands.
  let split = ''
  let weighted = ZERO
  for (let index = 0; index < tiers.length; index++) {
    const tier = tiers[index]!
    const next = tiers[index + 1]
    const lower = fromInt(tier.from)
    const start = compare(before, lower) > 0 ? before : lower
    const end = next && compare(fromInt(next.from), after) < 0 ? fromInt(next.from) : after
    if (compare(end, start) <= 0) continue
    const rate = tier.rate!
    const slice = sub(end, start)
    weighted = add(weighted, mul(slice, rate.ratio))
    const part = `${fmtExact(slice, currency)} at ${rate.text} (tier '${tier.name}')`
    split = split === '' ? part : `${split} + ${part}`
  }
  const blended = isZero(increase) ? tierAt(tiers, before).rate!.ratio : div(weighted, increase)
  if (split === '') split = `no new volume, tier '${tierAt(tiers, before).name}'`
  const body = `${pct(blended)} blended from marginal tiers of rule ${named}: period revenue ${fmtExact(before, currency)} → ${fmtExact(after, currency)}, ${split}; ${base.text}`
  return draft(rules, rule.id, mul(baseUnshared, blended), partner, body)
}
