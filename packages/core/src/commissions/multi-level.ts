import { fromInt, mul, type Ratio, roundRatio } from '../money/ratio.ts'
import type { CompiledRuleSet } from './compile.ts'
import { fmt, revenueBase } from './explain.ts'
import { findPartner, missingPartner } from './partner-context.ts'
import type { PreparedConversion } from './prepare.ts'
import type { PartnerFacts } from './price-partner.ts'
import type { MultiLevelRule } from './rule-types.ts'
import { scopeApplies } from './scope.ts'
import type { CommissionInput, CommissionLine } from './types.ts'

/**
 * Append override lines for the attributed partner's parents to `lines`, from the most
 * specific multi-level rule for the child. A parent who is not active is skipped; the
 * levels above still earn.
 */
export function overrideLines(
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  child: PartnerFacts,
  childCommission: number,
  parents: readonly string[],
  partners: CommissionInput['partners'],
  lines: CommissionLine[],
  notes: string[],
): void {
  const rule = mostSpecific(rules.multiLevel, child)
  if (!rule) return
  for (let index = 0; index < rule.levels.length; index++) {
    const level = rule.levels[index]!
    const parentId = parents[index]
    if (parentId === undefined) continue
    const parent = findPartner(partners, parentId)
    if (!parent) throw missingPartner(parentId, `level ${index + 1} parent of ${child.partnerId}`)
    const parentLabel = parent.name || parentId
    if (parent.status !== 'active') {
      notes.push(`Level ${index + 1} parent ${parentLabel} is ${parent.status} and earns no override.`)
      continue
    }
    const rate = rules.rate(level.rate)
    let exact: Ratio
    let body: string
    if (level.of === 'commission') {
      exact = mul(fromInt(childCommission), rate.ratio)
      body = `level ${index + 1} override: ${rate.text} of ${child.label}'s ${fmt(childCommission, rules.currency)} commission, from rule '${rule.name}'`
    } else {
      const base = revenueBase(prep, rule, 0, child.weightPpm)
      exact = mul(mul(mul(fromInt(base.base), rate.ratio), child.weight), prep.toProgram)
      body = `level ${index + 1} override: ${rate.text} of revenue referred by ${child.label}, from rule '${rule.name}', ${base.text}`
    }
    const amount = roundRatio(exact, rules.rounding)
    if (amount === 0) {
      notes.push(`Level ${index + 1} parent ${parentLabel} earns 0 from rule '${rule.name}'.`)
      continue
    }
    lines.push({
      partnerId: parentId,
      level: index + 1,
      ruleId: rule.id,
      kind: 'override',
      amount: { amountMinor: amount, currency: rules.currency },
      explanation: `${body} → ${fmt(amount, rules.currency)}`,
    })
  }
}

function mostSpecific(
  candidates: readonly MultiLevelRule[],
  child: PartnerFacts,
): MultiLevelRule | undefined {
  for (const rule of candidates) if (scopeApplies(rule.scope, child.partnerId, child.groupId)) return rule
  return undefined
}
