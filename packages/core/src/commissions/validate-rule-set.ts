import type { RuleProblem, RuleSet } from './rule-types.ts'

/** Every problem in a rule set (empty array = valid). Accepts unknown input straight from jsonb. */
export function validateRuleSet(ruleSet: unknown): RuleProblem[] {
  throw new Error(`validateRuleSet: not implemented yet (${typeof ruleSet})`)
}

/** validateRuleSet() that throws InvalidRuleError listing every problem, and narrows the type. */
export function assertValidRuleSet(ruleSet: unknown): RuleSet {
  validateRuleSet(ruleSet)
  return ruleSet as RuleSet
}
