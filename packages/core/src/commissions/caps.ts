import { allocateMinor } from '../money/allocate.ts'
import type { CompiledRuleSet } from './compile.ts'
import { fmt } from './explain.ts'
import type { Draft } from './price-partner.ts'
import type { CapRule } from './rule-types.ts'
import { SCOPE_NAMES, scopeApplies, scopeLevel } from './scope.ts'

/** A rounded commission line before caps. */
export type RoundedLine = Draft

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
  let total = 0
  for (const line of lines) total += line.amount
  if (total <= 0) return
  const perConversion = mostSpecific(rules.caps.conversion, partnerId, groupId)
  const perPeriod = mostSpecific(rules.caps.partner_period, partnerId, groupId)
  const conversionLimit = perConversion ? perConversion.amount.amountMinor : Number.POSITIVE_INFINITY
  const periodLimit = perPeriod
    ? Math.max(0, perPeriod.amount.amountMinor - periodCommission)
    : Number.POSITIVE_INFINITY
  // The tighter limit wins; on a tie, the per-conversion cap is named.
  const limit = Math.min(conversionLimit, periodLimit)
  if (total <= limit) return
  const text =
    perConversion && conversionLimit === limit
      ? `the ${SCOPE_NAMES[scopeLevel(perConversion.scope)]} cap '${perConversion.name}' of ${fmt(conversionLimit, rules.currency)} per conversion`
      : `the ${SCOPE_NAMES[scopeLevel(perPeriod!.scope)]} cap '${perPeriod!.name}' of ${fmt(perPeriod!.amount.amountMinor, rules.currency)} per period (${fmt(periodLimit, rules.currency)} left)`
  const amounts: number[] = []
  for (const line of lines) amounts.push(line.amount)
  const parts = allocateMinor(limit, amounts)
  lines.forEach((line, index) => {
    if (line.amount === 0) return
    line.body += `; capped from ${fmt(line.amount, rules.currency)} by ${text}`
    line.amount = parts[index] ?? 0
  })
}
