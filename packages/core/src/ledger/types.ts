import type { Money } from '../money/money.ts'

export type ConversionState = 'pending' | 'approved' | 'rejected' | 'reversed'

/**
 * The lifecycle part of a conversion. `refunded` is cumulative; the conversion becomes
 * 'reversed' when refunded equals amount. `appliedRefundIds` makes a replayed refund a no-op.
 */
export interface ConversionLifecycle {
  readonly state: ConversionState
  /** The conversion amount that refunds are measured against (what the customer paid). */
  readonly amount: Money
  readonly refunded: Money
  readonly appliedRefundIds: readonly string[]
  /** End of the hold period: 'auto_approve' is allowed from this instant on. */
  readonly holdUntil: Date
  readonly updatedAt: Date
  /** Why it was rejected (set by 'reject'). */
  readonly rejectionReason?: string | null
}

export type ConversionEvent =
  | { readonly type: 'approve' } // a manager approves (allowed before the hold ends)
  | { readonly type: 'reject'; readonly reason?: string }
  | { readonly type: 'auto_approve' } // the hold period is over
  | { readonly type: 'refund'; readonly refundId: string; readonly amount: Money } // partial or full

export interface TransitionResult {
  readonly next: ConversionLifecycle
  /** False when the event was already applied (same approve, same refundId): nothing to write. */
  readonly changed: boolean
  /** What to do with the conversion's ledger rows: set their status, or add reversal rows. */
  readonly effect:
    | { readonly type: 'none' }
    | { readonly type: 'set_row_status'; readonly status: 'approved' | 'rejected' }
    | { readonly type: 'reverse'; readonly refundedBefore: Money; readonly refundedAfter: Money }
  readonly explanation: string
}

export type LedgerRowKind = 'commission' | 'override' | 'bonus' | 'reversal' | 'clawback'

/**
 * 'pending' rows wait for the conversion's approval; 'approved' rows are payable;
 * 'rejected' rows never pay. Amounts never change: corrections are new rows.
 */
export type LedgerRowStatus = 'pending' | 'approved' | 'rejected'

/** A commission ledger row as stored. Negative rows are reversals (before payout) or clawbacks (after). */
export interface LedgerRow {
  readonly id: string
  readonly partnerId: string
  readonly conversionId: string | null
  readonly kind: LedgerRowKind
  readonly ruleId: string | null
  readonly level: number
  readonly amount: Money
  readonly status: LedgerRowStatus
  /** The payout that paid this row, or null while unpaid. */
  readonly payoutId: string | null
  /** For reversal and clawback rows: the row they reverse. */
  readonly reversesRowId: string | null
  /** Why the row has its amount (core's explanation); optional for rows loaded without it. */
  readonly explanation?: string | null
}

/** A row core asks the caller to append (the caller assigns id). */
export type NewLedgerRow = Omit<LedgerRow, 'id'>

/** A payout as stored: the rows it pays and the amount it paid. */
export interface PayoutRecord {
  readonly id: string
  readonly partnerId: string
  readonly amount: Money
  readonly rowIds: readonly string[]
}

export type InvariantCode =
  | 'row_in_several_payouts'
  | 'payout_amount_mismatch'
  | 'payout_row_missing'
  | 'payout_row_other_partner'
  | 'row_payout_link_mismatch'
  | 'reversal_of_unknown_row'
  | 'over_reversed'
  | 'reversal_sign'
  | 'refunded_not_netted'

export interface InvariantViolation {
  readonly code: InvariantCode
  readonly message: string
  readonly rowId?: string
  readonly payoutId?: string
  readonly conversionId?: string
}

/** What checkLedgerInvariants() needs about a conversion: its state ('reversed' = refunded in full). */
export interface ConversionRecord {
  readonly id: string
  readonly state: ConversionState
}
