import type { LineItem, Money, RecurringPayment } from '@tandem/core'
import type { CommissionView, ConversionView } from '@tandem/db'

export type { CommissionView, ConversionView }

/** Where a conversion came from. 'snippet' is the browser (unauthenticated); 'admin' a manager. */
export type ConversionSource = 'postback' | 'api' | 'snippet' | 'admin' | 'seed'

/** Status words networks send; 'hold' is our 'pending' (waiting for the hold period or a decision). */
export type ExternalStatus = 'pending' | 'approved' | 'rejected' | 'hold' | 'reversed'

export interface ClientContext {
  ipHash: string
  visitorHash: string
  userAgent: string
  referer: string
}

/** A new conversion, normalized by the edge that received it (postback, API, pixel, portal). */
export interface NewConversionRequest {
  source: ConversionSource
  event: string
  orderId: string
  amount: Money
  tax: Money | null
  shipping: Money | null
  lineItems: LineItem[]
  status: ExternalStatus
  /** Click ids as received: verified here, those that fail are dropped with a reason. */
  clickIds: string[]
  coupon: string | null
  customer: { externalId: string | null; emailHash: string | null }
  subIds: Record<string, string>
  occurredAt: Date
  recurring: RecurringPayment | null
  /** Request context for the ClickHouse event and fraud checks. */
  client: ClientContext
}

/** A change to an existing conversion, found by (program, event, order id). */
export interface ConversionChangeRequest {
  source: ConversionSource
  event: string
  orderId: string
  change:
    | { type: 'status'; status: 'approved' | 'rejected' | 'pending'; reason: string | null }
    /** A refund of `amount` (partial or full), applied once per refundId. */
    | { type: 'refund'; refundId: string; amount: Money | null }
    /** The order's new total (networks' "amount changed" postback): the difference is refunded. */
    | { type: 'new_total'; total: Money }
  client: ClientContext
}

export interface ConversionOutcome {
  /**
   * created: new conversion (pending or approved); duplicate: this order was already recorded
   * (nothing written); rejected: recorded, but it earns nothing (fraud, bot traffic, merchant said
   * rejected); updated / unchanged: for changes.
   */
  result: 'created' | 'duplicate' | 'rejected' | 'updated' | 'unchanged'
  conversion: ConversionView
  commissions: CommissionView[]
  /** The ledger rows this request wrote (for changes: reversals; empty for duplicates). */
  written: CommissionView[]
  attribution: {
    source: string
    explanation: string
    shares: { partnerId: string; weightPpm: number }[]
    /** Core sent it to review (attribution or fraud score): a person decides; the hold job waits. */
    needsReview: boolean
  } | null
  reasons: string[]
  /** For a new conversion: how many click ids counted, and each one that did not, with why. */
  clicks: { accepted: number; rejected: { clickId: string; reason: string }[] } | null
  /** The client-side conversion of the same order this one replaced (its reversals are in `written`). */
  superseded: { conversionId: string; status: string } | null
}

/** What a signed click id says, once its signature checked out (the tracker signs them). */
export type ClickIdVerdict =
  | { ok: true; clickId: string; issuedAt: Date; linkId: number; bot: boolean }
  | { ok: false; message: string }

/** Verifies click ids: the tracker's signer, handed in by whoever records conversions. */
export interface ClickVerifier {
  verify(clickId: string): ClickIdVerdict
}

/** Partner activity from ClickHouse rollups, for the fraud checks that compare rates (optional). */
export interface ActivityStats {
  /** Human clicks of a partner, and of the whole program, in the program since `since`. */
  clicks(programId: string, since: Date, partnerId: string | null): Promise<number>
}

export interface ConversionDeps {
  verifier: ClickVerifier
  stats?: ActivityStats
}
