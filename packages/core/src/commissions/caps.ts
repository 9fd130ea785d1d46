import { allocateMinor } from '../money/allocate.ts'
import type { CompiledRuleSet } from './compile.ts'
import { fmt } from './explain.ts'
import type { CapRule } from './rule-types.ts'
import { SCOPE_NAMES, scopeApplies, scopeLevel } from './scope.ts'

/** A rounded commission line before caps. */
export interface RoundedLine {
  readonly ruleId: string
  amount: number
  body: string
}

function mostSpecific(
  caps: readonly CapRule[],
  partnerId: string,
  groupId: string | null,
): CapRule | undefined {
  return caps.find((cap) => scopeApplies(cap.scope, partnerId, groupId))
}

/**
 * Apply the most specific per-conversion cap and the most specific per-period cap to the
 * partner's commission lines. When the total is over the tighter limit, the limit is split
 * over the lines in proportion to their amounts (largest remainder), so nothing is invented.
 */
export function applyCaps(
  lines: RoundedLine[],
  rules: CompiledRuleSet,
  partnerId: string,
  groupId: string | null,
  periodCommission: number,
): void {
  const total = lines.reduce((sum, line) => sum + line.amount, 0)
  if (total <= 0) return
  const limits: { limit: number; text: string }[] = []
  const perConversion = mostSpecific(rules.caps.conversion, partnerId, groupId)
  if (perConversion) {
    limits.push({
      limit: perConversion.amount.amountMinor,
      text: `the ${SCOPE_NAMES[scopeLevel(perConversion.scope)]} cap '${perConversion.name}' of ${fmt(perConversion.amount.amountMinor, rules.currency)} per conversion`,
    })
  }
  const perPeriod = mostSpecific(rules.caps.partner_period, partnerId, groupId)
  if (perPeriod) {
    const left = Math.max(0, perPeriod.amount.amountMinor - periodCommission)
    limits.push({
      limit: left,
      text: `the ${SCOPE_NAMES[scopeLevel(perPeriod.scope)]} cap '${perPeriod.name}' of ${fmt(perPeriod.amount.amountMinor, rules.currency)} per period (${fmt(left, rules.currency)} left)`,
    })
  }
  const tightest = limits.reduce<{ limit: number; text: string } | undefined>(
    (best, next) => (best === undefined || next.limit < best.limit ? next : best),
    undefined,
  )
  if (!tightest || total <= tightest.limit) return
  const parts = allocateMinor(
    tightest.limit,
    lines.map((line) => line.amount),
  )
  lines.forEach((line, index) => {
    if (line.amount === 0) return
    line.body += `; capped from ${fmt(line.amount, rules.currency)} by ${tightest.text}`
    line.amount = parts[index] ?? 0
  })
}
