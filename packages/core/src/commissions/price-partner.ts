import { add, compare, div, fromInt, isZero, mul, type Ratio, sub, toNumber, ZERO } from '../money/ratio.ts'
import type { CompiledRuleSet, OrderRule } from './compile.ts'
import { fmt, fmtExact, pct, revenueBase, shareText } from './explain.ts'
import type { PreparedConversion } from './prepare.ts'
import type { ProductRule, Tier, TieredRule } from './rule-types.ts'
import { SCOPE_NAMES, scopeApplies, scopeLevel } from './scope.ts'
import type { LineItem, PeriodVolume } from './types.ts'

/** The attributed partner as pricing sees it. */
export interface PartnerFacts {
  readonly partnerId: string
  readonly groupId: string | null
  readonly weightPpm: number
  /** weightPpm / 1,000,000 */
  readonly weight: Ratio
  readonly period: PeriodVolume
  /** This conversion's attributed net revenue in rule-set minor units (exact). */
  readonly netRevenue: Ratio
}

/** An unrounded commission line. `body` is the explanation up to the arrow. */
export interface Draft {
  readonly rule: OrderRule | ProductRule
  readonly exact: Ratio
  readonly body: string
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

  const candidates = rules.orderRules.get(prep.event) ?? []
  let winner: OrderRule | undefined
  let runnerUp: OrderRule | undefined
  for (const rule of candidates) {
    if (!orderRuleApplies(rule, prep, partner)) continue
    if (!winner) winner = rule
    else {
      runnerUp = rule
      break
    }
  }
  // The order-level rule prices what is left: unpriced items or revenue the items do not cover.
  const netLeft = prep.amount - prep.tax - prep.shipping - pricedAmount
  if (allItemsPriced && netLeft === 0) {
    if (winner) {
      notes.push(
        `Product rules priced the whole order, so rule '${winner.name}' adds nothing for ${partner.partnerId}.`,
      )
    }
    return drafts
  }
  if (!winner) {
    const what = prep.isRenewal ? `renewal payment #${prep.recurring?.paymentIndex}` : `'${prep.event}'`
    notes.push(
      `No commission rule prices ${what} for ${partner.partnerId}${drafts.length > 0 ? ' beyond its line items' : ''}.`,
    )
    return drafts
  }
  // Say why this rule won when another one also applied: precedence must never be a mystery.
  const why = runnerUp
    ? ` (${precedenceText(winner)}; beats ${precedenceText(runnerUp)} rule '${runnerUp.name}')`
    : ''
  drafts.push(priceOrder(winner, prep, rules, partner, pricedAmount, `'${winner.name}'${why}`))
  return drafts
}

function precedenceText(rule: OrderRule): string {
  const condition = rule.kind === 'recurring' ? 'recurring' : rule.kind === 'tiered' ? 'tiered' : ''
  return [SCOPE_NAMES[scopeLevel(rule.scope)], condition].filter(Boolean).join(' ')
}

function orderRuleApplies(rule: OrderRule, prep: PreparedConversion, partner: PartnerFacts): boolean {
  if (!scopeApplies(rule.scope, partner.partnerId, partner.groupId)) return false
  if (rule.kind === 'recurring') {
    const payment = prep.recurring
    return payment !== null && (rule.maxPayments === null || payment.paymentIndex <= rule.maxPayments)
  }
  return !prep.isRenewal
}

function matchedValue(rule: ProductRule, item: LineItem): string | null | undefined {
  return rule.match.by === 'sku' ? item.sku : rule.match.by === 'productId' ? item.productId : item.category
}

function itemMatches(rule: ProductRule, item: LineItem): boolean {
  const value = matchedValue(rule, item)
  return value != null && rule.match.values.includes(value)
}

const NO_ITEMS_PRICED = { pricedAmount: 0, allItemsPriced: false } as const

/** Assign each line item to its most specific product rule; one draft per rule. */
function priceItems(
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
  drafts: Draft[],
): { pricedAmount: number; allItemsPriced: boolean } {
  const candidates = rules.productRules.get(prep.event)
  if (!candidates || prep.items.length === 0 || prep.isRenewal) return NO_ITEMS_PRICED
  const applicable = candidates.filter((rule) => scopeApplies(rule.scope, partner.partnerId, partner.groupId))
  const groups = new Map<ProductRule, LineItem[]>()
  let pricedAmount = 0
  let pricedCount = 0
  for (const item of prep.items) {
    const rule = applicable.find((candidate) => itemMatches(candidate, item))
    if (!rule) continue
    pricedAmount += item.amount.amountMinor
    pricedCount++
    const list = groups.get(rule)
    if (list) list.push(item)
    else groups.set(rule, [item])
  }
  for (const [rule, items] of groups) drafts.push(priceProduct(rule, items, prep, rules, partner))
  return { pricedAmount, allItemsPriced: pricedCount === prep.items.length }
}

function priceProduct(
  rule: ProductRule,
  items: readonly LineItem[],
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
): Draft {
  const values: string[] = []
  for (const item of items) {
    const value = matchedValue(rule, item) ?? ''
    if (!values.includes(value)) values.push(value)
  }
  const matched = values.join(', ')
  const how = `${rule.match.by} ${matched}, ${SCOPE_NAMES[scopeLevel(rule.scope)]}`
  const share = shareText(partner.weightPpm)
  if (rule.amountPerUnit) {
    const units = items.reduce((sum, item) => sum + item.quantity, 0)
    const exact = mul(mul(fromInt(rule.amountPerUnit.amountMinor), fromInt(units)), partner.weight)
    const body = `${fmt(rule.amountPerUnit.amountMinor, rules.currency)} per unit from product rule '${rule.name}' (${how}) × ${units} unit(s)${share}`
    return { rule, exact, body }
  }
  const rate = rules.rate(rule.rate!)
  const total = items.reduce((sum, item) => sum + item.amount.amountMinor, 0)
  const exact = mul(mul(mul(fromInt(total), rate), partner.weight), prep.toProgram)
  const body = `${rules.rateText(rule.rate!)} from product rule '${rule.name}' (${how}), on ${items.length} item(s) worth ${fmt(total, prep.currency)}${share}${prep.fxText}`
  return { rule, exact, body }
}

function priceOrder(
  rule: OrderRule,
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
  pricedElsewhere: number,
  named: string,
): Draft {
  const share = shareText(partner.weightPpm)
  switch (rule.kind) {
    case 'flat': {
      const exact = mul(fromInt(rule.amount.amountMinor), partner.weight)
      return {
        rule,
        exact,
        body: `${fmt(rule.amount.amountMinor, rules.currency)} per ${prep.event} from rule ${named}${share}`,
      }
    }
    case 'percentage': {
      const rate = rules.rate(rule.rate)
      const base = revenueBase(prep, rule, pricedElsewhere, partner.weightPpm)
      const exact = mul(mul(mul(fromInt(base.base), rate), partner.weight), prep.toProgram)
      return {
        rule,
        exact,
        body: `${rules.rateText(rule.rate)} revenue share from rule ${named}, ${base.text}`,
      }
    }
    case 'recurring': {
      const payment = prep.recurring!
      const later = rule.after && payment.monthsSinceFirstPayment >= rule.after.fromMonth
      const chosen = later ? rule.after!.rate : rule.rate
      const rate = rules.rate(chosen)
      const base = revenueBase(prep, rule, pricedElsewhere, partner.weightPpm)
      const exact = mul(mul(mul(fromInt(base.base), rate), partner.weight), prep.toProgram)
      const of = rule.maxPayments === null ? 'lifetime' : `of ${rule.maxPayments}`
      const phase = later ? `, the rate from month ${rule.after!.fromMonth} on` : ''
      const body = `${rules.rateText(chosen)} recurring commission from rule ${named} (payment #${payment.paymentIndex} ${of}, month ${payment.monthsSinceFirstPayment}${phase}), ${base.text}`
      return { rule, exact, body }
    }
    case 'tiered':
      return priceTiered(rule, prep, rules, partner, pricedElsewhere, named)
  }
}

/** "12 sales" or "1,200.00 EUR" */
function volumeText(value: Ratio, rule: TieredRule, event: string, currency: string): string {
  return rule.metric === 'count' ? `${toNumber(value)} ${event}s` : fmtExact(value, currency)
}

function tierAt(tiers: readonly Tier[], volume: Ratio): Tier {
  let found = tiers[0]!
  for (const tier of tiers) if (compare(fromInt(tier.from), volume) <= 0) found = tier
  return found
}

function priceTiered(
  rule: TieredRule,
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
  pricedElsewhere: number,
  named: string,
): Draft {
  const currency = rules.currency
  const base = revenueBase(prep, rule, pricedElsewhere, partner.weightPpm)
  const baseExact = mul(mul(fromInt(base.base), partner.weight), prep.toProgram)
  const before = fromInt(
    rule.metric === 'count' ? partner.period.conversions : partner.period.revenue.amountMinor,
  )
  const increase = rule.metric === 'count' ? fromInt(1) : partner.netRevenue
  const after = add(before, increase)
  if (rule.mode === 'whole') {
    const tier = tierAt(rule.tiers, after)
    const where = `tier '${tier.name}' of rule ${named}: the tier starts at ${volumeText(fromInt(tier.from), rule, prep.event, currency)}, the period volume is ${volumeText(after, rule, prep.event, currency)} including this ${prep.event}`
    if (tier.amount) {
      const exact = mul(fromInt(tier.amount.amountMinor), partner.weight)
      return {
        rule,
        exact,
        body: `${fmt(tier.amount.amountMinor, currency)} per ${prep.event} from ${where}${shareText(partner.weightPpm)}`,
      }
    }
    const rate = rules.rate(tier.rate!)
    return {
      rule,
      exact: mul(baseExact, rate),
      body: `${rules.rateText(tier.rate!)} from ${where}; ${base.text}`,
    }
  }

  // Marginal: the slice [before, after) of period revenue is split over the tier bands.
  const parts: string[] = []
  let weighted = ZERO
  rule.tiers.forEach((tier, index) => {
    const next = rule.tiers[index + 1]
    const lower = fromInt(tier.from)
    const start = compare(before, lower) > 0 ? before : lower
    const end = next && compare(fromInt(next.from), after) < 0 ? fromInt(next.from) : after
    if (compare(end, start) <= 0) return
    const rate = rules.rate(tier.rate!)
    const slice = sub(end, start)
    weighted = add(weighted, mul(slice, rate))
    parts.push(`${fmtExact(slice, currency)} at ${rules.rateText(tier.rate!)} (tier '${tier.name}')`)
  })
  const blended = isZero(increase) ? rules.rate(tierAt(rule.tiers, before).rate!) : div(weighted, increase)
  const split =
    parts.length > 0 ? parts.join(' + ') : `no new volume, tier '${tierAt(rule.tiers, before).name}'`
  return {
    rule,
    exact: mul(baseExact, blended),
    body: `${pct(blended)} blended from marginal tiers of rule ${named}: period revenue ${fmtExact(before, currency)} → ${fmtExact(after, currency)}, ${split}; ${base.text}`,
  }
}
