import { CurrencyMismatchError, InvalidInputError } from '../errors.ts'
import { allocateMinor } from '../money/allocate.ts'
import { assertMoney, type Money } from '../money/money.ts'
import { add, compare, fromInt, mul, ONE, type Ratio, ratio, roundRatio } from '../money/ratio.ts'
import { PPM } from '../shared/ppm.ts'
import { bonusLines } from './bonuses.ts'
import { applyCaps, type RoundedLine } from './caps.ts'
import { type CompiledRuleSet, compileRuleSet } from './compile.ts'
import { fmt } from './explain.ts'
import { overrideLines } from './multi-level.ts'
import { partnerContext } from './partner-context.ts'
import { prepareConversion } from './prepare.ts'
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
 * 2. each line is computed exactly and rounded once with the rule set's rounding mode; a
 *    commission that several partners share is rounded once as a whole and split by largest
 *    remainder, so the partners' lines add up to it;
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

  const priced: PricedPartner[] = []
  for (const share of input.shares) {
    const partner = partnerContext(input.partners, share.partnerId, 'attributed')
    const label = partner.name || share.partnerId
    if (partner.status !== 'active') {
      notes.push(`${label} is ${partner.status} and earns nothing.`)
      continue
    }
    const weight: Ratio = share.weightPpm === PPM ? ONE : ratio(share.weightPpm, PPM)
    const facts: PartnerFacts = {
      partnerId: share.partnerId,
      label,
      groupId: partner.groupId ?? null,
      weightPpm: share.weightPpm,
      weight,
      period: partner.period
        ? checkPeriod(partner.period, rules.currency, share.partnerId)
        : rules.emptyPeriod,
      netRevenue: mul(netRevenue, weight),
    }
    const drafts = pricePartner(prep, rules, facts, notes)
    const rounded: RoundedLine[] = []
    for (const draft of drafts) {
      rounded.push({
        ruleId: draft.ruleId,
        exact: draft.exact,
        unshared: draft.unshared,
        amount: roundRatio(draft.exact, rules.rounding),
        body: draft.body,
        shared: false,
      })
    }
    priced.push({ facts, parentIds: partner.parentIds ?? NO_PARENTS, rounded })
  }
  if (priced.length > 1) splitSharedCommissions(priced, rules)
  volumeIncrements(priced, netRevenue, rules.currency, volume)

  for (const { facts, parentIds, rounded } of priced) {
    const earned = commissionLines(rules, facts, rounded, lines, notes)
    if (rules.multiLevel.length > 0) {
      overrideLines(prep, rules, facts, earned, parentIds, input.partners, lines, notes)
    }
    if (rules.bonuses.length > 0) bonusLines(prep, rules, facts, lines)
  }
  return { currency: rules.currency, lines, volume, notes }
}

/** An attributed, active partner with its commission lines, rounded and not capped yet. */
interface PricedPartner {
  readonly facts: PartnerFacts
  readonly parentIds: readonly string[]
  readonly rounded: RoundedLine[]
}

const NO_PARENTS: readonly string[] = []

/**
 * A commission that several partners share (one rule pricing the same amount before the
 * attribution share) is rounded once as a whole and split by largest remainder over the
 * partners' weights, so their lines add up to it: 10.00 EUR split 3 ways is 3.34 + 3.33 + 3.33,
 * where rounding each line would pay 3 × 3.33 = 9.99. Ties go to the earlier share (the larger
 * weight, as attribute() sorts them).
 */
function splitSharedCommissions(priced: readonly PricedPartner[], rules: CompiledRuleSet): void {
  for (let i = 0; i < priced.length; i++) {
    for (const line of priced[i]!.rounded) {
      if (line.shared) continue
      let members: RoundedLine[] | null = null
      let weights: number[] | null = null
      for (let j = i + 1; j < priced.length; j++) {
        const match = sameCommission(priced[j]!.rounded, line)
        if (!match) continue
        if (!members || !weights) {
          members = [line]
          weights = [priced[i]!.facts.weightPpm]
        }
        members.push(match)
        weights.push(priced[j]!.facts.weightPpm)
      }
      if (!members || !weights) continue
      let exact = line.exact
      for (let k = 1; k < members.length; k++) exact = add(exact, members[k]!.exact)
      const total = roundRatio(exact, rules.rounding)
      const parts = allocateMinor(total, weights)
      const text = `; ${fmt(total, rules.currency)} shared by ${members.length} partners, split by largest remainder`
      for (let k = 0; k < members.length; k++) {
        const member = members[k]!
        member.amount = parts[k]!
        member.body += text
        member.shared = true
      }
    }
  }
}

/** The other partner's line of the same rule for the same whole amount, if any. */
function sameCommission(lines: readonly RoundedLine[], line: RoundedLine): RoundedLine | undefined {
  for (const candidate of lines) {
    if (candidate.ruleId !== line.ruleId || candidate.shared) continue
    const a = candidate.unshared
    const b = line.unshared
    // Computed the same way, equal amounts usually have equal parts: no cross-multiplication needed.
    if ((a.n === b.n && a.d === b.d) || compare(a, b) === 0) return candidate
    return undefined
  }
  return undefined
}

/**
 * What the conversion adds to each earning partner's period: one conversion and the attributed
 * net revenue. Shared revenue is split by largest remainder, so the partners' parts add up.
 */
function volumeIncrements(
  priced: readonly PricedPartner[],
  netRevenue: Ratio,
  currency: string,
  volume: VolumeIncrement[],
): void {
  if (priced.length === 1) {
    const { facts } = priced[0]!
    const amountMinor = roundRatio(facts.netRevenue, 'half-even')
    volume.push({ partnerId: facts.partnerId, conversions: 1, revenue: { amountMinor, currency } })
    return
  }
  if (priced.length === 0) return
  const weights: number[] = []
  let weightPpm = 0
  for (const { facts } of priced) {
    weights.push(facts.weightPpm)
    weightPpm += facts.weightPpm
  }
  const parts = allocateMinor(roundRatio(mul(netRevenue, ratio(weightPpm, PPM)), 'half-even'), weights)
  for (let index = 0; index < priced.length; index++) {
    const partnerId = priced[index]!.facts.partnerId
    volume.push({ partnerId, conversions: 1, revenue: { amountMinor: parts[index]!, currency } })
  }
}

/** Cap the partner's own commission lines and append them to `lines`; returns what they add up to. */
function commissionLines(
  rules: CompiledRuleSet,
  partner: PartnerFacts,
  rounded: RoundedLine[],
  lines: CommissionLine[],
  notes: string[],
): number {
  if (rules.caps.conversion.length + rules.caps.partner_period.length > 0) {
    applyCaps(rounded, rules, partner.partnerId, partner.groupId, partner.period.commission.amountMinor)
  }
  let earned = 0
  for (const line of rounded) {
    const text = `${line.body} → ${fmt(line.amount, rules.currency)}`
    if (line.amount === 0) {
      notes.push(`${partner.label} earns nothing: ${text}.`)
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
    throw new CurrencyMismatchError(
      currency,
      value.currency,
      'add',
      `${partnerId}'s period ${name} is in ${value.currency}, the rule set in ${currency}: convert it first`,
    )
  }
}
