import {
  type AttributionPartner,
  type AttributionResult,
  type AttributionSettings,
  attribute,
  type CommissionLine,
  type CommissionPartner,
  type ConversionLifecycle,
  computeCommissions,
  type FraudConfig,
  type FraudScore,
  type FxTable,
  type PeriodVolume,
  type RuleSet,
  scoreConversion,
  startLifecycle,
  transitionConversion,
} from '@tandem/core'
import type { CustomerRow, PartnerFacts } from './load.ts'
import { parentChain } from './load.ts'
import type { ProgramRow } from './program.ts'
import type { NewConversionRequest } from './types.ts'

/** A click id that verified and belongs to this program. */
export interface VerifiedClick {
  clickId: string
  linkId: number
  partnerId: string
  at: Date
  bot: boolean
}

export interface AttributionFacts {
  program: ProgramRow
  settings: AttributionSettings
  fraudConfig: FraudConfig
  request: NewConversionRequest
  clicks: VerifiedClick[]
  coupon: { code: string; partnerId: string } | null
  customer: CustomerRow | null
  partners: ReadonlyMap<string, PartnerFacts>
  now: Date
}

export interface AttributionDecision {
  attribution: AttributionResult
  fraud: FraudScore
  /** The conversion earns nothing: fraud says block, or the merchant sent it as rejected. */
  rejected: { reason: string } | null
  flags: { code: string; reason: string }[]
  reasons: string[]
  lifecycle: ConversionLifecycle
  /** The click that earned the largest share (for the event row and the fast-conversion check). */
  mainClick: VerifiedClick | null
}

/** Who earns and whether the conversion stands: core's attribution, fraud score and lifecycle. */
export function decideAttribution(facts: AttributionFacts): AttributionDecision {
  const { request, partners, settings } = facts
  const reasons: string[] = []
  const flags: { code: string; reason: string }[] = []

  // Bot clicks are recorded in ClickHouse but never earn: they do not enter attribution.
  // TODO(core): pass them with a `bot` mark once ClickTouch carries one, so core explains it.
  const humanClicks = facts.clicks.filter((c) => !c.bot)
  if (humanClicks.length < facts.clicks.length) {
    const reason = `${facts.clicks.length - humanClicks.length} click(s) were bot traffic and earn nothing`
    flags.push({ code: 'bot_click', reason })
    reasons.push(reason)
  }

  if (request.source === 'snippet') {
    const reason = 'sent by the browser snippet (unauthenticated): review before approval'
    flags.push({ code: 'client_side', reason })
    reasons.push(`Flagged: ${reason}.`)
  }

  const attributionPartners: Record<string, AttributionPartner> = {}
  for (const [id, p] of partners) attributionPartners[id] = { status: p.status, emailHashes: [p.emailHash] }
  const customerIdentity = { emailHash: request.customer.emailHash, ipHash: request.client.ipHash || null }
  const referrer =
    facts.customer?.referrerPartnerId && facts.customer.referredAt
      ? { partnerId: facts.customer.referrerPartnerId, referredAt: facts.customer.referredAt }
      : null

  const attribution = attribute({
    clicks: humanClicks.map((c) => ({
      clickId: c.clickId,
      partnerId: c.partnerId,
      linkId: String(c.linkId),
      at: c.at,
    })),
    coupon: facts.coupon,
    referrer,
    settings,
    partners: attributionPartners,
    customer: customerIdentity,
    now: request.occurredAt,
  })
  for (const f of attribution.flags) flags.push({ code: f.code, reason: f.reason })

  const top = attribution.shares[0] ?? null
  const mainClick = top ? (humanClicks.find((c) => top.clickIds.includes(c.clickId)) ?? null) : null
  const topPartner = top ? partners.get(top.partnerId) : undefined
  const fraud = scoreConversion(
    {
      clickAt: mainClick?.at ?? null,
      occurredAt: request.occurredAt,
      customer: customerIdentity,
      partner: { emailHashes: topPartner ? [topPartner.emailHash] : [] },
      orderId: request.orderId,
      orderIdSeenBefore: false,
    },
    facts.fraudConfig,
  )
  for (const f of fraud.flags) flags.push({ code: f.code, reason: f.reason })

  const needsReview = fraud.decision === 'review' || attribution.needsReview || request.source === 'snippet'
  let lifecycle = startLifecycle({
    amount: request.amount,
    occurredAt: request.occurredAt,
    holdDays: facts.program.hold_days,
  })
  let rejected: { reason: string } | null = null
  if (fraud.decision === 'block') {
    rejected = { reason: `fraud score ${fraud.score}: ${fraud.flags.map((f) => f.reason).join('; ')}` }
  } else if (request.status === 'rejected') {
    rejected = { reason: 'the merchant reported this conversion as rejected' }
  }
  if (rejected) {
    lifecycle = transitionConversion(lifecycle, { type: 'reject', reason: rejected.reason }, facts.now).next
    reasons.push(`Rejected: ${rejected.reason}.`)
  } else if (request.status === 'approved') {
    // The merchant's "approved" does not skip a review our checks asked for.
    if (needsReview) reasons.push('Kept pending for review although it was sent as approved.')
    else lifecycle = transitionConversion(lifecycle, { type: 'approve' }, facts.now).next
  }
  if (needsReview) reasons.push('Flagged for review before approval.')
  reasons.push(attribution.explanation)
  return { attribution, fraud, rejected, flags, reasons, lifecycle, mainClick }
}

export interface CommissionFacts {
  request: NewConversionRequest
  decision: AttributionDecision
  ruleSet: RuleSet
  partners: ReadonlyMap<string, PartnerFacts>
  periods: ReadonlyMap<string, PeriodVolume>
  fx: FxTable | null
}

/** The ledger lines core computes for an attributed, not rejected conversion. */
export function decideCommissions(facts: CommissionFacts): {
  lines: readonly CommissionLine[]
  notes: readonly string[]
} {
  const { decision, request } = facts
  if (decision.rejected || decision.attribution.shares.length === 0) return { lines: [], notes: [] }
  const partners: Record<string, CommissionPartner> = {}
  for (const [id, p] of facts.partners) {
    const period = facts.periods.get(id)
    partners[id] = {
      status: p.status,
      groupId: p.groupId,
      parentIds: parentChain(facts.partners, id),
      ...(period ? { period } : {}),
    }
  }
  const result = computeCommissions({
    conversion: {
      event: request.event,
      amount: request.amount,
      tax: request.tax,
      shipping: request.shipping,
      lineItems: request.lineItems,
      occurredAt: request.occurredAt,
      recurring: request.recurring,
    },
    shares: decision.attribution.shares.map((s) => ({ partnerId: s.partnerId, weightPpm: s.weightPpm })),
    ruleSet: facts.ruleSet,
    partners,
    fx: facts.fx,
  })
  return { lines: result.lines, notes: result.notes }
}
