import { fromInt, mul, roundRatio } from '../money/ratio.ts'
import type { CompiledRuleSet } from './compile.ts'
import { fmt, revenueBase } from './explain.ts'
import { partnerContext } from './partner-context.ts'
import type { PreparedConversion } from './prepare.ts'
import type { PartnerFacts } from './price-partner.ts'
import { scopeApplies } from './scope.ts'
import type { CommissionInput, CommissionLine } from './types.ts'

/**
 * Override lines for the attributed partner's parents, from the most specific multi-level
 * rule for the child. A parent who is not active is skipped; the levels above still earn.
 */
export function overrideLines(
  prep: PreparedConversion,
  rules: CompiledRuleSet,
  child: PartnerFacts,
  childCommission: number,
  parents: readonly string[],
  partners: CommissionInput['partners'],
  notes: string[],
): CommissionLine[] {
  const rule = rules.multiLevel.find((candidate) =>
    scopeApplies(candidate.scope, child.partnerId, child.groupId),
  )
  if (!rule) return []
  const lines: CommissionLine[] = []
  rule.levels.forEach((level, index) => {
    const parentId = parents[index]
    if (parentId === undefined) return
    const parent = partnerContext(partners, parentId, `level ${index + 1} parent of ${child.partnerId}`)
    if (parent.status !== 'active') {
      notes.push(`Level ${index + 1} parent ${parentId} is ${parent.status} and earns no override.`)
      return
    }
    const rate = rules.rate(level.rate)
    let exact: ReturnType<typeof mul>
    let body: string
    if (level.of === 'commission') {
      exact = mul(fromInt(childCommission), rate)
      body = `level ${index + 1} override: ${rules.rateText(level.rate)} of ${child.partnerId}'s ${fmt(childCommission, rules.currency)} commission, from rule '${rule.name}'`
    } else {
      const base = revenueBase(prep, rule, 0, child.weightPpm)
      exact = mul(mul(mul(fromInt(base.base), rate), child.weight), prep.toProgram)
      body = `level ${index + 1} override: ${rules.rateText(level.rate)} of revenue referred by ${child.partnerId}, from rule '${rule.name}', ${base.text}`
    }
    const amount = roundRatio(exact, rules.rounding)
    if (amount === 0) {
      notes.push(`Level ${index + 1} parent ${parentId} earns 0 from rule '${rule.name}'.`)
      return
    }
    lines.push({
      partnerId: parentId,
      level: index + 1,
      ruleId: rule.id,
      kind: 'override',
      amount: { amountMinor: amount, currency: rules.currency },
      explanation: `${body} → ${fmt(amount, rules.currency)}`,
    })
  })
  return lines
}
