import type { InvariantViolation, LedgerRow, PayoutRecord } from './types.ts'

/** Check the ledger invariants over rows and payouts; returns every violation found. */
export function checkLedgerInvariants(input: {
  rows: readonly LedgerRow[]
  payouts: readonly PayoutRecord[]
}): InvariantViolation[] {
  throw new Error(`checkLedgerInvariants: not implemented yet (${input.rows.length})`)
}
