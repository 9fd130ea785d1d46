import type { CommissionInput, CommissionResult } from './types.ts'

/** Ledger lines for one conversion: commissions, multi-level overrides and bonuses, each explained. */
export function computeCommissions(input: CommissionInput): CommissionResult {
  throw new Error(`computeCommissions: not implemented yet (${input.conversion.event})`)
}
