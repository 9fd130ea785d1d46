import { allocateMinor, largestRemainderPart, leftoverUnits } from '../money/allocate.ts'
import { compare, mul, type Ratio, ratio, roundRatio, toNumber } from '../money/ratio.ts'
import { PPM } from '../shared/ppm.ts'
import type { CompiledRuleSet } from './compile.ts'
import { fmt } from './explain.ts'
import type { Draft } from './price-partner.ts'

/** A partner of a shared conversion, as the split reads it: its rounded lines. */
export interface SharingPartner {
  readonly rounded: readonly Draft[]
}

/**
 * A commission that several partners share (one rule pricing the same amount before the
 * attribution share) is rounded once as a whole and split by largest remainder over the
 * partners' weights, so their lines add up to it: 10.00 EUR split 3 ways is 3.34 + 3.33 + 3.33,
 * where rounding each line would pay 3 × 3.33 = 9.99. Ties go to the earlier share (the larger
 * weight, as attribute() sorts them). When the split changes a line's amount, the line says
 * so; when every part equals the line's own rounding, its explanation already holds as is.
 */
export function splitSharedCommissions(partners: readonly SharingPartner[], rules: CompiledRuleSet): void {
  for (let i = 0; i < partners.length; i++) {
    for (const line of partners[i]!.rounded) {
      if (line.shared) continue
      let members: Draft[] | null = null
      for (let j = i + 1; j < partners.length; j++) {
        const match = sameCommission(partners[j]!.rounded, line)
        if (!match) continue
        if (members) members.push(match)
        else members = [line, match]
      }
      if (members) split(members, rules)
    }
  }
}

/** Round the members' commission once and give each its largest-remainder part. */
function split(members: readonly Draft[], rules: CompiledRuleSet): void {
  // The members' exact amounts add up to the whole amount × their weights (all of it when they are every share).
  const weights: number[] = []
  let weightSum = 0
  for (const member of members) {
    weights.push(member.weightPpm)
    weightSum += member.weightPpm
    member.shared = true
  }
  const unshared = members[0]!.unshared
  const whole = weightSum === PPM ? unshared : mul(unshared, ratio(weightSum, PPM))
  const total = roundRatio(whole, rules.rounding)
  let parts: readonly number[] | null = null
  let changed = false
  if (total >= 0 && Number.isSafeInteger(total * PPM)) {
    // The usual case: parts computed in place, and only kept when one differs.
    const leftover = leftoverUnits(total, weights, weightSum)
    for (let k = 0; k < members.length && !changed; k++) {
      changed = largestRemainderPart(total, weights, weightSum, leftover, k) !== members[k]!.amount
    }
    if (!changed) return
    const computed: number[] = []
    for (let k = 0; k < members.length; k++) {
      computed.push(largestRemainderPart(total, weights, weightSum, leftover, k))
    }
    parts = computed
  } else {
    parts = allocateMinor(total, weights)
    for (let k = 0; k < members.length; k++) if (parts[k] !== members[k]!.amount) changed = true
    if (!changed) return
  }
  const text = `; ${fmt(total, rules.currency)} shared by ${members.length} partners, split by largest remainder`
  for (let k = 0; k < members.length; k++) {
    members[k]!.amount = parts[k]!
    members[k]!.body += text
  }
}

/** The other partner's line of the same rule for the same whole amount, if any. */
function sameCommission(lines: readonly Draft[], line: Draft): Draft | undefined {
  for (const candidate of lines) {
    if (candidate.ruleId !== line.ruleId || candidate.shared) continue
    return sameAmount(candidate.unshared, line.unshared) ? candidate : undefined
  }
  return undefined
}

/**
 * Exact equality, cheap in the usual cases: amounts computed the same way have the same parts,
 * and amounts that differ as floats by more than rounding error differ exactly (no bigints).
 */
function sameAmount(a: Ratio, b: Ratio): boolean {
  if (a.n === b.n && a.d === b.d) return true
  const x = toNumber(a)
  const y = toNumber(b)
  if (Math.abs(x - y) > Math.abs(x) * 1e-9) return false
  return compare(a, b) === 0
}
