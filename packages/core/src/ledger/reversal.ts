import type { Money } from '../money/money.ts'
import type { RoundingMode } from '../money/rounding.ts'
import type { LedgerRow, NewLedgerRow } from './types.ts'

export interface ReversalInput {
  /** Every row of the conversion so far: the original lines and earlier reversals. */
  readonly rows: readonly LedgerRow[]
  /**
   * How much of the conversion is refunded in total after this refund, either as money
   * against the conversion amount, or as an exact fraction (1/1 = full refund).
   */
  readonly refund:
    | { readonly refunded: Money; readonly total: Money }
    | { readonly fraction: { readonly numerator: number; readonly denominator: number } }
  readonly rounding?: RoundingMode
}

/**
 * The negative rows to append so that each original row is reversed by the refunded fraction
 * (cumulative, so several partial refunds that add up to a full refund net exactly to zero).
 * A row already paid out is reversed by a 'clawback' row (approved, deducted from the next
 * payout); an unpaid row by a 'reversal' row with the original's status.
 */
export function reversalLines(input: ReversalInput): NewLedgerRow[] {
  throw new Error(`reversalLines: not implemented yet (${input.rows.length})`)
}
