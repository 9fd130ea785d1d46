import type { LineItem, Money, RecurringPayment } from '@tandem/core'

export type ConversionSource = 'postback' | 'api' | 'snippet'

/** Status words networks send; 'hold' is our 'pending' (waiting for the hold period or a decision). */
export type ExternalStatus = 'pending' | 'approved' | 'rejected' | 'hold' | 'reversed'

/** A new conversion, normalized by the route that received it (postback, API, pixel). */
export interface NewConversionRequest {
  source: ConversionSource
  /** Who sent it, for the audit log (API key id, 'postback', 'snippet'). */
  actorId: string | null
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
  client: { ipHash: string; visitorHash: string; userAgent: string; referer: string }
}

/** A change to an existing conversion, found by (program, event, order id). */
export interface ConversionChangeRequest {
  source: ConversionSource
  actorId: string | null
  event: string
  orderId: string
  change:
    | { type: 'status'; status: 'approved' | 'rejected' | 'pending'; reason: string | null }
    /** A refund of `amount` (partial or full), applied once per refundId. */
    | { type: 'refund'; refundId: string; amount: Money | null }
    /** The order's new total (networks' "amount changed" postback): the difference is refunded. */
    | { type: 'new_total'; total: Money }
  client: { ipHash: string; visitorHash: string; userAgent: string; referer: string }
}

export interface CommissionView {
  partnerId: string
  level: number
  kind: string
  amountMinor: number
  currency: string
  status: string
  explanation: string
}

export interface ConversionView {
  id: string
  programId: string
  event: string
  orderId: string
  status: string
  amountMinor: number
  refundedMinor: number
  currency: string
  partnerId: string | null
  holdUntil: string | null
  fraudFlags: { code: string; reason: string }[]
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
  } | null
  reasons: string[]
  /** For a new conversion: how many click ids counted, and each one that did not, with why. */
  clicks: { accepted: number; rejected: { clickId: string; reason: string }[] } | null
  /** The client-side conversion of the same order this one replaced (its reversals are in `written`). */
  superseded: { conversionId: string; status: string } | null
}
