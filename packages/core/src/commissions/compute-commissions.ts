import { InvalidInputError } from '../errors.ts'
import { assertMoney, type Money } from '../money/money.ts'
import { fromInt, mul, ONE, type Ratio, ratio, roundRatio } from '../money/ratio.ts'
import { PPM } from '../shared/ppm.ts'
import { bonusLines } from './bonuses.ts'
import { applyCaps, type RoundedLine } from './caps.ts'
import { type CompiledRuleSet, compileRuleSet } from './compile.ts'
import { fmt } from './explain.ts'
import { overrideLines } from './multi-level.ts'
import { partnerContext } from './partner-context.ts'
import { type PreparedConversion, prepareConversion } from './prepare.ts'
import { type PartnerFacts, pricePartner } from './price-partner.ts'
import type {
  CommissionInput,
  CommissionLine,
  CommissionResult,
  PeriodVolume,
  VolumeIncrement,
} from './types.ts'

/**
 * Ledger lines for one conversion. For each attributed partner (README.md "Rule precedence"):
 * 1. line items go to their most specific product rule; the rest of the order to the most
 *    specific order-level rule (flat, percentage, tiered, recurring);
 * 2. each line is computed exactly and rounded once with the rule set's rounding mode;
 * 3. caps (per conversion, per period) limit the partner's commission lines;
 * 4. parents earn overrides (multi-level); 5. thresholds crossed pay one-off bonuses.
 * Throws InvalidRuleError for an invalid rule set and InvalidInputError for bad input.
 */
export function computeCommissions(input: CommissionInput): CommissionResult {
  const rules = compileRuleSet(input.ruleSet)
  const prep = prepareConversion(input.conversion, rules.currency, input.fx)
  checkShares(input.shares)

  const lines: CommissionLine[] = []
  const notes: string[] = []
  const volume: VolumeIncrement[] = []
  // Net revenue of the whole conversion in rule-set minor units: (amount − tax − shipping) × fx.
  const netRevenue = mul(fromInt(prep.amount - prep.tax - prep.shipping), prep.toProgram)

  for (const share of input.shares) {
    const partner = partnerContext(input.partners, share.partnerId, 'attributed')
    if (partner.status !== 'active') {
      notes.push(`${share.partnerId} is ${partner.status} and earns nothing.`)
      continue
    }
    const weight: Ratio = share.weightPpm === PPM ? ONE : ratio(share.weightPpm, PPM)
    const facts: PartnerFacts = {
      partnerId: share.partnerId,
      groupId: partner.groupId ?? null,
      weightPpm: share.weightPpm,
      weight,
      period: partner.period
        ? checkPeriod(partner.period, rules.currency, share.partnerId)
        : rules.emptyPeriod,
      netRevenue: mul(netRevenue, weight),
    }
    volume.push({
      partnerId: share.partnerId,
      conversions: 1,
      revenue: { amountMinor: roundRatio(facts.netRevenue, 'half-even'), currency: rules.currency },
    })
    const earned = commissionLines(prep, rules, facts, lines, notes)
    if (rules.multiLevel.length > 0) {
      overrideLines(prep, rules, facts, earned, partner.parentIds ?? [], input.partners, lines, notes)
    }
    if (rules.bonuses.length > 0) bonusLines(prep, rules, facts, lines)
  }
  return { currency: rules.currency, lines, volume, notes }
}

/** Append the partner's own commission lines to `lines`; returns what they add up to. */
function commissionLines(
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  partner: PartnerFacts,
  lines: CommissionLine[],
  notes: string[],
): number {
  const drafts = pricePartner(prep, rules, partner, notes)
  const rounded = drafts.map(
    (draft): RoundedLine => ({
      ruleId: draft.ruleId,
      amount: roundRatio(draft.exact, rules.rounding),
      body: draft.body,
    }),
  )
  if (rules.caps.conversion.length + rules.caps.partner_period.length > 0) {
    applyCaps(rounded, rules, partner.partnerId, partner.groupId, partner.period.commission.amountMinor)
  }
  let earned = 0
  for (const line of rounded) {
    const text = `${line.body} → ${fmt(line.amount, rules.currency)}`
    if (line.amount === 0) {
      notes.push(`${partner.partnerId} earns nothing: ${text}.`)
      continue
    }
    lines.push({
      partnerId: partner.partnerId,
      level: 0,
      ruleId: line.ruleId,
      kind: 'commission',
      amount: { amountMinor: line.amount, currency: rules.currency },
      explanation: text,
    })
    earned += line.amount
  }
  return earned
}

function checkShares(shares: CommissionInput['shares']): void {
  if (!Array.isArray(shares)) throw new InvalidInputError('shares must be the array from attribute()')
  let total = 0
  const seen = shares.length > 1 ? new Set<string>() : null
  for (const share of shares) {
    if (!Number.isSafeInteger(share.weightPpm) || share.weightPpm <= 0 || share.weightPpm > PPM) {
      throw new InvalidInputError(
        `Share of ${share.partnerId} must be a whole number of parts per million in 1..1,000,000, got ${String(share.weightPpm)}`,
      )
    }
    if (seen?.has(share.partnerId)) throw new InvalidInputError(`Partner ${share.partnerId} has two shares`)
    seen?.add(share.partnerId)
    total += share.weightPpm
  }
  if (shares.length > 0 && total !== PPM) {
    throw new InvalidInputError(`Attribution shares must sum to 1,000,000 parts per million, got ${total}`)
  }
}

function checkPeriod(period: PeriodVolume, currency: string, partnerId: string): PeriodVolume {
  if (!Number.isSafeInteger(period.conversions) || period.conversions < 0) {
    throw new InvalidInputError(
      `${partnerId}'s period conversions must be a whole number ≥ 0, got ${String(period.conversions)}`,
    )
  }
  checkPeriodMoney(period.revenue, currency, partnerId, 'revenue')
  checkPeriodMoney(period.commission, currency, partnerId, 'commission')
  return period
}

function checkPeriodMoney(value: Money, currency: string, partnerId: string, name: string): void {
  // The common case first: the messages below name the partner, so they are only built for a bad amount.
  const valid =
    value !== null &&
    typeof value === 'object' &&
    value.currency === currency &&
    Number.isSafeInteger(value.amountMinor)
  if (valid) return
  assertMoney(value, `${partnerId}'s period ${name}`)
  if (value.currency !== currency) {
    throw new InvalidInputError(
      `${partnerId}'s period ${name} is in ${value.currency}, the rule set in ${currency}`,
    )
  }
}
