import type { CommissionRule, ItemMatch } from './rule-types.ts'
import { scopeLevel } from './scope.ts'

/**
 * The precedence of rules, as numbers (higher wins). See README.md "Rule precedence".
 *
 * Line items: item match (sku 3 > productId 2 > category 1), then scope (partner 2 > group 1 > program 0).
 * The rest of the order: scope first, then condition (recurring 2 > tiered 1 > flat / percentage 0).
 * Multi-level rules and caps: scope.
 */
export const ITEM_LEVEL: Record<ItemMatch['by'], number> = { sku: 3, productId: 2, category: 1 }

const CONDITION_RANK: Partial<Record<CommissionRule['kind'], number>> = {
  recurring: 2,
  tiered: 1,
  flat: 0,
  percentage: 0,
}

export const CONDITION_NAMES: Record<number, string> = {
  2: 'recurring',
  1: 'tiered',
  0: 'flat or percentage',
}

/** Sort key of a rule: compared element by element, higher first. */
export function specificity(rule: CommissionRule): readonly number[] {
  const scope = scopeLevel(rule.scope)
  if (rule.kind === 'product') return [ITEM_LEVEL[rule.match.by], scope]
  return [scope, CONDITION_RANK[rule.kind] ?? 0]
}

export function compareSpecificity(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (b[i] ?? 0) - (a[i] ?? 0)
    if (diff !== 0) return diff
  }
  return 0
}

/** Which rules compete for the same thing (only rules in the same family are compared). */
export function ruleFamily(rule: CommissionRule): string {
  switch (rule.kind) {
    case 'flat':
    case 'percentage':
    case 'tiered':
    case 'recurring':
      return `order:${rule.event}`
    case 'product':
      return `item:${rule.event}`
    case 'multi_level':
      return 'multi_level'
    case 'cap':
      return `cap:${rule.per}`
    case 'bonus':
      return `bonus:${rule.id}` // bonuses never compete: each fires on its own
  }
}
