import type { LedgerRow } from '../ledger/types.ts'
import type { Money } from '../money/money.ts'
import type { Rate } from '../money/rate.ts'
import type { RoundingMode } from '../money/rounding.ts'
import type { PartnerStatus } from '../shared/partner.ts'

/** How a partner wants to be paid. `detailsComplete` is false until the account details are filled in. */
export interface PayoutMethod {
  /** 'paypal' | 'bank_transfer' | 'wise' | 'store_credit' | any custom method. */
  readonly type: string
  readonly detailsComplete: boolean
}

export interface PayoutPartner {
  readonly status: PartnerStatus
  readonly payoutMethod: PayoutMethod | null
  /** Open fraud flags or a manual hold; the reason is shown to the manager. */
  readonly flagged?: boolean
  readonly holdReason?: string | null
}

/** Minimum payout. The most specific entry wins: currency + method, then currency alone. */
export interface PayoutThreshold {
  readonly currency: string
  readonly method?: string | null
  readonly minimum: Money
}

/** A fee per payout and method: fixed + rate × amount, optionally capped, paid by the partner or the program. */
export interface PayoutFee {
  readonly method: string
  readonly currency: string
  readonly fixed?: Money | null
  readonly rate?: Rate | null
  readonly maximum?: Money | null
  readonly paidBy: 'partner' | 'program'
}

export interface PayoutPlanInput {
  /** Ledger rows; only 'approved' rows with no payoutId are considered. */
  readonly rows: readonly LedgerRow[]
  readonly partners: Readonly<Record<string, PayoutPartner>>
  readonly thresholds: readonly PayoutThreshold[]
  readonly fees: readonly PayoutFee[]
  /** Rounding of percentage fees. Default 'half-even'. */
  readonly rounding?: RoundingMode
}

export interface PayoutLine {
  readonly partnerId: string
  readonly method: string
  /** Sum of the rows (what leaves the partner's balance). */
  readonly amount: Money
  /** Fee for this payout; deducted from `net` when paid by the partner. */
  readonly fee: Money
  readonly feePaidBy: 'partner' | 'program'
  /** What the partner receives. */
  readonly net: Money
  readonly rowIds: readonly string[]
  readonly explanation: string
}

export type HoldBackReason =
  | 'unknown_partner'
  | 'partner_not_active'
  | 'flagged'
  | 'manual_hold'
  | 'missing_payout_method'
  | 'missing_payout_details'
  | 'negative_balance'
  | 'zero_balance'
  | 'below_threshold'
  | 'fee_exceeds_amount'

/** A partner (and currency) left out of this batch; the rows stay unpaid and carry over. */
export interface HeldBack {
  readonly partnerId: string
  readonly amount: Money
  readonly reason: HoldBackReason
  readonly rowIds: readonly string[]
  readonly explanation: string
}

export interface PayoutPlan {
  readonly lines: readonly PayoutLine[]
  readonly heldBack: readonly HeldBack[]
  /** Per currency: sum of line amounts, fees, and nets. */
  readonly totals: readonly { readonly amount: Money; readonly fees: Money; readonly net: Money }[]
}
