import {
  type AttributionPartner,
  type AttributionResult,
  type AttributionSettings,
  attribute,
  type CommissionLine,
  type CommissionPartner,
  type ConversionFraudInput,
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
import type { ConversionProgram, CustomerRow, PartnerFacts } from '@tandem/db'
import type { VerifiedClick } from './click-check.ts'
import type { NewConversionRequest } from './types.ts'

export interface AttributionFacts {
  program: ConversionProgram
  settings: AttributionSettings
  fraudConfig: FraudConfig
  request: NewConversionRequest
  clicks: VerifiedClick[]
  coupon: { code: string; partnerId: string } | null
  customer: CustomerRow | null
  partners: ReadonlyMap<string, PartnerFacts>
  /** Fraud inputs read beforehand: the order id's other uses, coupon and rate statistics. */
  fraudFacts: Pick<ConversionFraudInput, 'orderIdSeenBefore' | 'coupon' | 'partnerStats' | 'programStats'>
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
  needsReview: boolean
}

/** core's attribution of the conversion's touches: who earns, with which weight, and why. */
export function attributeTouches(facts: Omit<AttributionFacts, 'fraudFacts'>): AttributionResult {
  const { request, partners, settings } = facts
  const attributionPartners: Record<string, AttributionPartner> = {}
  for (const [id, p] of partners) attributionPartners[id] = { status: p.status, emailHashes: [p.emailHash] }
  const referrer =
    facts.customer?.referrerPartnerId && facts.customer.referredAt
      ? { partnerId: facts.customer.referrerPartnerId, referredAt: facts.customer.referredAt }
      : null
  // Bot clicks go to core with their mark: core ignores them, flags them and says so.
  return attribute({
    clicks: facts.clicks.map((c) => ({
      clickId: c.clickId,
      partnerId: c.partnerId,
      linkId: String(c.linkId),
      at: c.at,
      bot: c.bot,
    })),
    coupon: facts.coupon,
    referrer,
    settings,
    partners: attributionPartners,
    customer: customerIdentity(request),
    now: request.occurredAt,
  })
}

function customerIdentity(request: NewConversionRequest) {
  return { emailHash: request.customer.emailHash, ipHash: request.client.ipHash || null }
}

/** Whether the conversion stands: core's fraud score and lifecycle over its attribution. */
export function decideAttribution(
  facts: AttributionFacts,
  attribution: AttributionResult,
): AttributionDecision {
  const { request, partners } = facts
  const reasons: string[] = []
  const flags: { code: string; reason: string }[] = []

  if (request.source === 'snippet') {
    const reason = 'sent by the browser snippet (unauthenticated): review before approval'
    flags.push({ code: 'client_side', reason })
    reasons.push(`Flagged: ${reason}.`)
  }
  for (const f of attribution.flags) flags.push({ code: f.code, reason: f.reason })

  const top = attribution.shares[0] ?? null
  const mainClick = top
    ? (facts.clicks.find((c) => !c.bot && top.clickIds.includes(c.clickId)) ?? null)
    : null
  const topPartner = top ? partners.get(top.partnerId) : undefined
  const fraud = scoreConversion(
    {
      clickAt: mainClick?.at ?? null,
      occurredAt: request.occurredAt,
      customer: customerIdentity(request),
      partner: { emailHashes: topPartner ? [topPartner.emailHash] : [] },
      orderId: request.orderId,
      ...facts.fraudFacts,
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
  return { attribution, fraud, rejected, flags, reasons, lifecycle, mainClick, needsReview }
}

/** The partners who can earn on a decision: each share's partner and their parents (multi-level). */
export function earningPartners(
  decision: AttributionDecision,
  partners: ReadonlyMap<string, PartnerFacts>,
): string[] {
  const earning = new Set<string>()
  for (const share of decision.attribution.shares) {
    earning.add(share.partnerId)
    for (const parent of parentChain(partners, share.partnerId)) earning.add(parent)
  }
  return [...earning]
}

/** The parent chain of a partner, nearest first, from the loaded facts. */
export function parentChain(partners: ReadonlyMap<string, PartnerFacts>, partnerId: string): string[] {
  const chain: string[] = []
  let next = partners.get(partnerId)?.parentId ?? null
  while (next && !chain.includes(next) && chain.length < 10) {
    chain.push(next)
    next = partners.get(next)?.parentId ?? null
  }
  return chain
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
