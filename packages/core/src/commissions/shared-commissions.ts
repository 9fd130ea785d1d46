import { allocateMinor } from '../money/allocate.ts'
import { compare, mul, type Ratio, ratio, roundRatio, toNumber } from '../money/ratio.ts'
import { PPM } from '../shared/ppm.ts'
import type { CompiledRuleSet } from './compile.ts'
import { fmt } from './explain.ts'
import type { Draft } from './price-partner.ts'

/**
 * A commission that several partners share (one rule pricing the same amount before the
 * attribution share) is rounded once as a whole and split by largest remainder over the
 * partners' weights, so their lines add up to it: 10.00 EUR split 3 ways is 3.34 + 3.33 + 3.33,
 * where rounding each line would pay 3 × 3.33 = 9.99. Ties go to the earlier share (the larger
 * weight, as attribute() sorts them). When the split changes a line's amount, the line says
 * so; when every part equals the line's own rounding, its explanation already holds as is.
 * `partners` holds each partner's rounded lines, in share order.
 */
export function splitSharedCommissions(
  partners: readonly (readonly Draft[])[],
  rules: CompiledRuleSet,
): void {
  for (let i = 0; i < partners.length; i++) {
    for (const line of partners[i]!) {
      if (line.shared) continue
      let members: Draft[] | null = null
      for (let j = i + 1; j < partners.length; j++) {
        const match = sameCommission(partners[j]!, line)
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
  let weightPpm = 0
  for (const member of members) {
    weightPpm += member.weightPpm
    member.shared = true
  }
  const unshared = members[0]!.unshared
  const whole = weightPpm === PPM ? unshared : mul(unshared, ratio(weightPpm, PPM))
  const total = roundRatio(whole, rules.rounding)
  if (!(total >= 0 && Number.isSafeInteger(total * PPM))) {
    splitLarge(members, total, rules)
    return
  }
  // Few members and safe products: the largest remainder in place, without arrays.
  let allocated = 0
  for (const member of members) allocated += floorDiv(total * member.weightPpm, weightPpm)
  const leftover = total - allocated
  let changed = false
  for (let k = 0; k < members.length; k++) {
    if (part(members, k, total, weightPpm, leftover) !== members[k]!.amount) changed = true
  }
  if (!changed) return
  // Every part first: a part depends on the other members' remainders, not on their amounts.
  const parts: number[] = []
  for (let k = 0; k < members.length; k++) parts.push(part(members, k, total, weightPpm, leftover))
  const text = sharedText(total, members.length, rules.currency)
  for (let k = 0; k < members.length; k++) assign(members[k]!, parts[k]!, text)
}

/** The same through allocateMinor(), for amounts whose products leave the safe integer range. */
function splitLarge(members: readonly Draft[], total: number, rules: CompiledRuleSet): void {
  const weights: number[] = []
  for (const member of members) weights.push(member.weightPpm)
  const parts = allocateMinor(total, weights)
  let changed = false
  for (let k = 0; k < members.length; k++) if (parts[k] !== members[k]!.amount) changed = true
  if (!changed) return
  const text = sharedText(total, members.length, rules.currency)
  for (let k = 0; k < members.length; k++) assign(members[k]!, parts[k]!, text)
}

/**
 * Member k's part: the floor of its quota, plus one if its remainder ranks among the leftover
 * units (a larger remainder first, the earlier member on a tie), as allocateMinor() decides.
 */
function part(
  members: readonly Draft[],
  k: number,
  total: number,
  weightPpm: number,
  leftover: number,
): number {
  const quota = total * members[k]!.weightPpm
  const floor = floorDiv(quota, weightPpm)
  const remainder = quota - floor * weightPpm
  let rank = 0
  for (let j = 0; j < members.length; j++) {
    if (j === k) continue
    const other = total * members[j]!.weightPpm
    const otherRemainder = other - floorDiv(other, weightPpm) * weightPpm
    if (otherRemainder > remainder || (otherRemainder === remainder && j < k)) rank++
  }
  return rank < leftover ? floor + 1 : floor
}

function assign(member: Draft, amount: number, text: string): void {
  member.amount = amount
  member.body += text
}

function sharedText(total: number, members: number, currency: string): string {
  return `; ${fmt(total, currency)} shared by ${members} partners, split by largest remainder`
}

/** ⌊a / b⌋ for safe integers a ≥ 0, b > 0, exactly: the float quotient corrected by one step. */
function floorDiv(a: number, b: number): number {
  const q = Math.floor(a / b)
  const r = a - q * b
  return r < 0 ? q - 1 : r >= b ? q + 1 : q
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
