import type { FxTable } from '../money/fx.ts'
import type { Money } from '../money/money.ts'
import type { PartnerStatus } from '../shared/partner.ts'
import type { RuleSet } from './rule-types.ts'

export interface LineItem {
  readonly sku: string
  readonly productId?: string | null
  readonly category?: string | null
  readonly quantity: number
  /** Line total before tax (quantity × unit price − line discounts), same currency as the conversion. */
  readonly amount: Money
}

/** Subscription context of a payment: paymentIndex 1 is the first payment. */
export interface RecurringPayment {
  readonly paymentIndex: number
  readonly monthsSinceFirstPayment: number
}

export interface ConversionFacts {
  /** 'sale' | 'lead' | 'signup' | a custom event name. */
  readonly event: string
  /** Total charged, including tax and shipping. Zero for leads and signups. Never negative. */
  readonly amount: Money
  readonly tax?: Money | null
  readonly shipping?: Money | null
  /** Optional items; their amounts must not exceed amount − tax − shipping. */
  readonly lineItems?: readonly LineItem[]
  readonly occurredAt: Date
  /** Present for subscription payments. Renewals (paymentIndex > 1) are priced by recurring rules only. */
  readonly recurring?: RecurringPayment | null
}

/**
 * A partner's volume in the current period (usually the calendar month of the conversion, in
 * the program's time zone: the caller decides) BEFORE this conversion, in the rule set's currency.
 */
export interface PeriodVolume {
  /** Conversions of this conversion's event (e.g. sales when pricing a sale). */
  readonly conversions: number
  /** Attributed net revenue of those conversions (what CommissionResult.volume reports). */
  readonly revenue: Money
  /** All the partner's own commission lines (level 0, kind 'commission') in the period, for period caps. */
  readonly commission: Money
}

export interface CommissionPartner {
  /** Shown in explanations and notes ("10% of Ada Lovelace's 10.00 EUR commission"); the id when absent. */
  readonly name?: string | null
  readonly status: PartnerStatus
  readonly groupId?: string | null
  /** Parent chain for multi-level: [direct parent, grandparent, …]. */
  readonly parentIds?: readonly string[]
  /** Volume so far in the period; absent = nothing yet. */
  readonly period?: PeriodVolume
}

export interface CommissionInput {
  readonly conversion: ConversionFacts
  /** From attribute(): who earns and their weights in parts per million. */
  readonly shares: readonly { readonly partnerId: string; readonly weightPpm: number }[]
  readonly ruleSet: RuleSet
  /** Every attributed partner and every parent in their chains, by id. */
  readonly partners: Readonly<Record<string, CommissionPartner>>
  /** Needed only when the conversion's currency differs from the rule set's currency. */
  readonly fx?: FxTable | null
}

export type CommissionLineKind = 'commission' | 'override' | 'bonus'

/** One ledger line to write. Amounts are in the rule set's currency, rounded once. */
export interface CommissionLine {
  readonly partnerId: string
  /** 0 for the attributed partner, 1 for the direct parent, 2 for the grandparent… */
  readonly level: number
  readonly ruleId: string
  readonly kind: CommissionLineKind
  readonly amount: Money
  /** e.g. "10% revenue share from rule 'Gold tier', on 120.00 EUR net of 20.00 EUR tax → 10.00 EUR" */
  readonly explanation: string
}

/**
 * What this conversion adds to an attributed partner's period volume: one conversion and its
 * attributed net revenue, (amount − tax − shipping) × weight, in the rule set's currency.
 */
export interface VolumeIncrement {
  readonly partnerId: string
  readonly conversions: number
  readonly revenue: Money
}

export interface CommissionResult {
  readonly currency: string
  /** Non-zero lines only; zero results are explained in `notes`. */
  readonly lines: readonly CommissionLine[]
  readonly volume: readonly VolumeIncrement[]
  /** Why partners earned nothing, conversions that no rule priced, skipped parents… */
  readonly notes: readonly string[]
}
