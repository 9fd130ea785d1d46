import { CurrencyMismatchError, InvalidInputError } from '../errors.ts'
import { allocateMinor, largestRemainderPart, leftoverUnits } from '../money/allocate.ts'
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
import { type Draft, type PartnerFacts, pricePartner } from './price-partner.ts'
import { splitSharedCommissions } from './shared-commissions.ts'
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
  const run: Run = { input, rules, prep, lines, notes }

  if (input.shares.length === 1) {
    // One partner (most conversions): nothing is shared, so each line is rounded on its own.
    const priced = priceShare(run, input.shares[0]!, netRevenue)
    if (priced) {
      const { partnerId } = priced.facts
      const amountMinor = roundRatio(priced.facts.netRevenue, 'half-even')
      volume.push({ partnerId, conversions: 1, revenue: { amountMinor, currency: rules.currency } })
      finishShare(run, priced)
    }
  } else if (input.shares.length > 1) {
    priceShares(run, netRevenue, volume)
  }
  return { currency: rules.currency, lines, volume, notes }
}

/** What every step of one computeCommissions() call reads and appends to. */
interface Run {
  readonly input: CommissionInput
  readonly rules: CompiledRuleSet
  readonly prep: PreparedConversion
  readonly lines: CommissionLine[]
  readonly notes: string[]
}

/** Price an attributed partner's lines, rounded and not capped yet; null when it earns nothing. */
function priceShare(
  run: Run,
  share: CommissionInput['shares'][number],
  netRevenue: Ratio,
): PricedPartner | null {
  const { rules, notes } = run
  const partner = partnerContext(run.input.partners, share.partnerId, 'attributed')
  const label = partner.name || share.partnerId
  if (partner.status !== 'active') {
    notes.push(`${label} is ${partner.status} and earns nothing.`)
    return null
  }
  const weight: Ratio = share.weightPpm === PPM ? ONE : ratio(share.weightPpm, PPM)
  const facts: PartnerFacts = {
    partnerId: share.partnerId,
    label,
    groupId: partner.groupId ?? null,
    weightPpm: share.weightPpm,
    weight,
    period: partner.period ? checkPeriod(partner.period, rules.currency, share.partnerId) : rules.emptyPeriod,
    netRevenue: mul(netRevenue, weight),
  }
  const rounded = pricePartner(run.prep, rules, facts, notes)
  return { facts, parentIds: partner.parentIds ?? NO_PARENTS, rounded }
}

/** Caps, the partner's lines, its parents' overrides and its bonuses. */
function finishShare(run: Run, priced: PricedPartner): void {
  const { rules, prep, lines, notes } = run
  const earned = commissionLines(rules, priced.facts, priced.rounded, lines, notes)
  if (rules.multiLevel.length > 0) {
    overrideLines(prep, rules, priced.facts, earned, priced.parentIds, run.input.partners, lines, notes)
  }
  if (rules.bonuses.length > 0) bonusLines(prep, rules, priced.facts, lines)
}

/** Several partners: price them all, split what they share, then finish each. */
function priceShares(run: Run, netRevenue: Ratio, volume: VolumeIncrement[]): void {
  const priced: PricedPartner[] = []
  for (const share of run.input.shares) {
    const one = priceShare(run, share, netRevenue)
    if (one) priced.push(one)
  }
  if (priced.length > 1) splitSharedCommissions(priced, run.rules)
  volumeIncrements(priced, netRevenue, run.rules.currency, volume)
  for (const one of priced) finishShare(run, one)
}

/** An attributed, active partner with its commission lines, rounded and not capped yet. */
interface PricedPartner {
  readonly facts: PartnerFacts
  readonly parentIds: readonly string[]
  readonly rounded: Draft[]
}

const NO_PARENTS: readonly string[] = []

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
  if (priced.length === 0) return
  const weights: number[] = []
  let weightSum = 0
  for (const { facts } of priced) {
    weights.push(facts.weightPpm)
    weightSum += facts.weightPpm
  }
  // Every share earning is the usual case: then the partners split the whole net revenue.
  const shared = weightSum === PPM ? netRevenue : mul(netRevenue, ratio(weightSum, PPM))
  const total = roundRatio(shared, 'half-even')
  const safe = total >= 0 && Number.isSafeInteger(total * PPM)
  const parts = safe ? null : allocateMinor(total, weights)
  const leftover = safe ? leftoverUnits(total, weights, weightSum) : 0
  for (let k = 0; k < priced.length; k++) {
    const amountMinor = parts ? parts[k]! : largestRemainderPart(total, weights, weightSum, leftover, k)
    volume.push({ partnerId: priced[k]!.facts.partnerId, conversions: 1, revenue: { amountMinor, currency } })
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
