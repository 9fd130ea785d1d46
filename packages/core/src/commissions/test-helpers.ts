import { type Money, money } from '../money/money.ts'
import { computeCommissions } from './compute-commissions.ts'
import type { CommissionRule, RuleSet } from './rule-types.ts'
import type { CommissionInput, CommissionPartner, CommissionResult, ConversionFacts } from './types.ts'

/** Shared fixtures for commission tests (not exported from the package). */
export const EUR = (amountMinor: number): Money => money(amountMinor, 'EUR')
export const AT = new Date('2024-06-15T10:00:00.000Z')

export function sale(amountMinor: number, extra: Partial<ConversionFacts> = {}): ConversionFacts {
  return { event: 'sale', amount: EUR(amountMinor), occurredAt: AT, ...extra }
}

export const active: CommissionPartner = { status: 'active' }

export function run(options: {
  rules: readonly CommissionRule[]
  conversion?: ConversionFacts
  shares?: CommissionInput['shares']
  partners?: Record<string, CommissionPartner>
  rounding?: RuleSet['rounding']
  fx?: CommissionInput['fx']
  currency?: string
}): CommissionResult {
  return computeCommissions({
    conversion: options.conversion ?? sale(10_000),
    shares: options.shares ?? [{ partnerId: 'p1', weightPpm: 1_000_000 }],
    ruleSet: {
      currency: options.currency ?? 'EUR',
      rules: options.rules,
      ...(options.rounding ? { rounding: options.rounding } : {}),
    },
    partners: options.partners ?? { p1: active },
    fx: options.fx ?? null,
  })
}

/** { partnerId/ruleId/kind: amountMinor } for compact assertions. */
export function amounts(result: CommissionResult): Record<string, number> {
  return Object.fromEntries(
    result.lines.map((line) => [`${line.partnerId}/${line.ruleId}/${line.kind}`, line.amount.amountMinor]),
  )
}
