import type { RuleScope } from './rule-types.ts'

/** 2 = named partners, 1 = partner groups, 0 = the whole program. Higher is more specific. */
export type ScopeLevel = 0 | 1 | 2

export function scopeLevel(scope: RuleScope | undefined): ScopeLevel {
  if (!scope) return 0
  return 'partnerIds' in scope ? 2 : 1
}

export const SCOPE_NAMES: Record<ScopeLevel, string> = {
  0: 'program-wide',
  1: 'partner-group',
  2: 'partner-specific',
}

export function scopeApplies(
  scope: RuleScope | undefined,
  partnerId: string,
  groupId: string | null,
): boolean {
  if (!scope) return true
  if ('partnerIds' in scope) return scope.partnerIds.includes(partnerId)
  return groupId !== null && scope.groupIds.includes(groupId)
}

/** Can one partner be inside both scopes (of the same level)? */
export function scopesOverlap(a: RuleScope | undefined, b: RuleScope | undefined): boolean {
  if (!a || !b) return !a && !b
  if ('partnerIds' in a && 'partnerIds' in b) return a.partnerIds.some((id) => b.partnerIds.includes(id))
  if ('groupIds' in a && 'groupIds' in b) return a.groupIds.some((id) => b.groupIds.includes(id))
  return false
}
