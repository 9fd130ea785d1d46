import { randomUUID } from 'node:crypto'
import type { CommissionLine } from '@tandem/core'
import {
  type ConversionProgram,
  enqueueOutboxEvent,
  insertAuditRow,
  insertConversion,
  insertLedgerLines,
  loadConversionView,
  loadCoupon,
  loadCustomer,
  loadFxTable,
  loadPartnerFacts,
  loadPeriodVolumes,
  lockPartnerPeriods,
  queueClickHouseEvents,
  type StoredConversion,
  upsertCustomer,
} from '@tandem/db'
import { auditActor, type ServiceContext } from '../context.ts'
import { InvalidInputError } from '../errors.ts'
import { ruleSetInForce } from '../programs/rule-sets.ts'
import { checkProgramMaximum } from './amount-limit.ts'
import { changeConversion, coreDecides } from './change.ts'
import { checkClicks, refuseUnacceptedTouches } from './click-check.ts'
import { changeEvent, conversionEvent } from './clickhouse-events.ts'
import {
  type AttributionDecision,
  attributeTouches,
  decideAttribution,
  decideCommissions,
  earningPartners,
} from './decide.ts'
import { loadFraudFacts } from './fraud-facts.ts'
import { commissionLedgerLines } from './ledger-lines.ts'
import { attributionSettingsFor, fraudConfigFor } from './program-settings.ts'
import { pixelTouches, retirePixelConversion, type SupersededConversion, supersedes } from './supersede.ts'
import type { ConversionDeps, ConversionOutcome, NewConversionRequest } from './types.ts'

/**
 * Records a conversion from any source (postback, API, pixel, a manager, the demo seed): loads
 * what core needs, lets core decide (attribution, fraud, lifecycle, commissions), and writes it
 * in one transaction with its ledger rows, customer, audit row, webhook outbox rows and ClickHouse
 * event. Idempotent per (program, event, order id): a retry or a concurrent copy is a duplicate.
 * Pricing reads the partners' period volumes inside that transaction, under a per-partner lock, so
 * two sales at a tier or cap edge are priced as if one came after the other.
 */
export async function recordConversion(
  ctx: ServiceContext,
  deps: ConversionDeps,
  program: ConversionProgram,
  received: NewConversionRequest,
): Promise<ConversionOutcome> {
  const { db } = ctx
  if (program.status === 'archived') {
    throw new InvalidInputError(
      `Program ${program.slug} is archived and takes no new conversions`,
      {},
      'program_archived',
    )
  }
  const now = ctx.now()
  const fx = received.amount.currency === program.currency ? null : await loadFxTable(db, received.occurredAt)
  checkProgramMaximum(program, received.amount, fx)
  const existing = await loadConversionView(db, program.id, received.event, received.orderId)
  if (existing && !supersedes(existing, received)) return duplicate(existing)

  const reasons: string[] = []
  const request = existing ? await confirmedTouches(ctx, program, received, existing, reasons) : received
  const settings = attributionSettingsFor(program)
  const clickCheck = await checkClicks(db, deps.verifier, program, request.clickIds, {
    occurredAt: request.occurredAt,
    windowDays: settings.windowDays,
  })
  for (const r of clickCheck.rejected)
    reasons.push(`Click id ${r.clickId.slice(0, 12)}… not accepted: ${r.reason}.`)
  const coupon = request.coupon ? await loadCoupon(db, program.id, request.coupon) : null
  if (request.coupon && !coupon)
    reasons.push(`Coupon ${request.coupon} is not an active coupon of this program.`)
  refuseUnacceptedTouches(program, request, clickCheck, coupon !== null)
  const customer = request.customer.externalId
    ? await loadCustomer(db, program.id, request.customer.externalId)
    : null
  const touchPartners = new Set<string>(clickCheck.verified.map((c) => c.partnerId))
  if (coupon) touchPartners.add(coupon.partnerId)
  if (customer?.referrerPartnerId) touchPartners.add(customer.referrerPartnerId)
  const partners = await loadPartnerFacts(db, program.id, [...touchPartners])

  const facts = {
    program,
    settings,
    fraudConfig: fraudConfigFor(program),
    request,
    clicks: clickCheck.verified,
    coupon,
    customer,
    partners,
    now,
  }
  const attribution = coreDecides(() => attributeTouches(facts))
  const fraudFacts = await loadFraudFacts(db, deps.stats, program, request, {
    couponPartnerId: coupon?.partnerId ?? null,
    topPartnerId: attribution.shares[0]?.partnerId ?? null,
  })
  const decision = coreDecides(() => decideAttribution({ ...facts, fraudFacts }, attribution))
  const awaitingConfirmation = request.source === 'snippet' && program.pixel_conversions === 'confirm'
  if (awaitingConfirmation) {
    reasons.push(
      `No commission yet: program ${program.slug} pays a client-side conversion once the merchant's server sends the same order (postback or API).`,
    )
  }

  const id = randomUUID()
  const top = decision.attribution.shares[0]?.partnerId ?? null
  const lifetimeReferrer =
    settings.lifetimeMonths !== null && top && !customer?.referrerPartnerId ? top : null
  const written = await db.transaction().execute(async (trx) => {
    let superseded: SupersededConversion | null = null
    if (existing) {
      superseded = await retirePixelConversion(
        ctx,
        trx,
        { program, request, newId: id, now },
        existing.conversion.id,
      )
      if (!superseded) return null
    }
    let lines: readonly CommissionLine[] = []
    let ruleSetVersion: number | null = null
    if (!awaitingConfirmation && !decision.rejected && decision.attribution.shares.length > 0) {
      const earning = earningPartners(decision, partners)
      await lockPartnerPeriods(trx, program.id, earning)
      const inForce = await ruleSetInForce(trx, program, request.occurredAt)
      if (!inForce) {
        reasons.push(`Program ${program.slug} has no commission rules in force: nobody earns a commission.`)
      } else {
        const periods = await loadPeriodVolumes(trx, program, earning, request.occurredAt)
        const computed = coreDecides(() =>
          decideCommissions({ request, decision, ruleSet: inForce.ruleSet, partners, periods, fx }),
        )
        lines = computed.lines
        ruleSetVersion = inForce.version
        reasons.push(...computed.notes)
      }
    }
    const customerId = request.customer.externalId
      ? await upsertCustomer(trx, {
          programId: program.id,
          externalId: request.customer.externalId,
          emailHash: request.customer.emailHash,
          firstSeenAt: request.occurredAt,
          referrerPartnerId: lifetimeReferrer,
        })
      : null
    const inserted = await insertConversion(
      trx,
      conversionRecord(id, program, request, decision, {
        customerId,
        ruleSetVersion,
        now,
      }),
    )
    if (!inserted) {
      if (superseded) throw new Error('superseding conversion conflicted')
      return null
    }
    await insertLedgerLines(trx, program.id, id, commissionLedgerLines(id, lines, decision.lifecycle), now)
    const total = lines.reduce((sum, l) => sum + l.amount.amountMinor, 0)
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'conversion.created',
      entityType: 'conversion',
      entityId: id,
      data: {
        source: request.source,
        event: request.event,
        order_id: request.orderId,
        amount_minor: request.amount.amountMinor,
        currency: request.amount.currency,
        status: decision.lifecycle.state,
        attribution: decision.attribution.source,
        partner_id: top,
        commission_minor: total,
        fraud_score: decision.fraud.score,
        rule_set_version: ruleSetVersion,
      },
    })
    await enqueueOutboxEvent(trx, {
      programId: program.id,
      topic: 'conversion.created',
      partnerId: top,
      payload: {
        conversion_id: id,
        program_id: program.id,
        event: request.event,
        order_id: request.orderId,
        status: decision.lifecycle.state,
        amount_minor: request.amount.amountMinor,
        currency: request.amount.currency,
        partner_id: top,
        click_id: decision.mainClick?.clickId ?? null,
        sub_ids: request.subIds,
        commissions: lines.map((l) => ({
          partner_id: l.partnerId,
          level: l.level,
          kind: l.kind,
          amount_minor: l.amount.amountMinor,
          currency: l.amount.currency,
        })),
      },
    })
    const events = [conversionEvent(program, request, decision, lines, id, now)]
    if (superseded) {
      events.push(
        changeEvent(program.id, request, { ...superseded, refundedMinor: superseded.retiredMinor }, now),
      )
    }
    await queueClickHouseEvents(trx, events)
    return { superseded }
  })

  const stored = await loadConversionView(db, program.id, request.event, request.orderId)
  if (!stored) throw new Error('conversion vanished after its transaction')
  if (!written) return duplicate(stored)
  const { superseded } = written
  if (superseded) {
    reasons.unshift(
      `Supersedes the client-side conversion ${superseded.conversionId} of this order (now ${superseded.status}; its commissions are reversed).`,
    )
  }
  const outcome: ConversionOutcome = {
    result: decision.rejected ? 'rejected' : 'created',
    conversion: stored.conversion,
    commissions: stored.commissions,
    written: [...(superseded?.written ?? []), ...stored.commissions],
    attribution: {
      source: decision.attribution.source,
      explanation: decision.attribution.explanation,
      shares: decision.attribution.shares.map((s) => ({ partnerId: s.partnerId, weightPpm: s.weightPpm })),
      needsReview: decision.needsReview,
    },
    reasons: [...reasons, ...decision.reasons],
    clicks: { accepted: clickCheck.accepted, rejected: clickCheck.rejected },
    superseded: superseded ? { conversionId: superseded.conversionId, status: superseded.status } : null,
  }
  if (request.status === 'reversed' && !decision.rejected) {
    // Networks sometimes report an order already reversed: record it, then reverse it in full.
    const reversed = await changeConversion(ctx, program, {
      source: request.source,
      event: request.event,
      orderId: request.orderId,
      change: { type: 'refund', refundId: 'reported-reversed', amount: null },
      client: request.client,
    })
    return { ...outcome, conversion: reversed.conversion, commissions: reversed.commissions }
  }
  return outcome
}

function conversionRecord(
  id: string,
  program: ConversionProgram,
  request: NewConversionRequest,
  decision: AttributionDecision,
  w: { customerId: string | null; ruleSetVersion: number | null; now: Date },
) {
  return {
    id,
    programId: program.id,
    event: request.event,
    orderId: request.orderId,
    customerId: w.customerId,
    partnerId: decision.attribution.shares[0]?.partnerId ?? null,
    status: decision.lifecycle.state,
    amountMinor: request.amount.amountMinor,
    taxMinor: request.tax?.amountMinor ?? 0,
    shippingMinor: request.shipping?.amountMinor ?? 0,
    currency: request.amount.currency,
    clickId: decision.mainClick?.clickId ?? request.clickIds[0]?.slice(0, 64) ?? null,
    couponCode: request.coupon,
    source: request.source,
    attribution: {
      source: decision.attribution.source,
      shares: decision.attribution.shares,
      explanation: decision.attribution.explanation,
      needsReview: decision.needsReview,
      fraudScore: decision.fraud.score,
      clickIds: request.clickIds.slice(0, 20),
    },
    fraudFlags: decision.flags,
    subIds: request.subIds,
    lineItems: request.lineItems,
    occurredAt: request.occurredAt,
    holdUntil: decision.lifecycle.holdUntil,
    decidedAt: decision.lifecycle.state === 'pending' ? null : w.now,
    ruleSetVersion: w.ruleSetVersion,
    createdAt: w.now,
  }
}

/**
 * A program in 'confirm' mode pays a pixel conversion once the merchant's server sends the same
 * order: the server's amount and status count, and when the server sent no touch of its own, the
 * click ids (or coupon) the browser sent with the pixel attribute it. Otherwise the server's
 * request stands as sent: a pixel conversion never outranks it.
 */
async function confirmedTouches(
  ctx: ServiceContext,
  program: ConversionProgram,
  request: NewConversionRequest,
  pixel: StoredConversion,
  reasons: string[],
): Promise<NewConversionRequest> {
  if (program.pixel_conversions !== 'confirm' || request.clickIds.length > 0 || request.coupon) return request
  const touches = await pixelTouches(ctx.db, pixel.conversion.id)
  if (touches.clickIds.length === 0 && !touches.coupon) return request
  reasons.push('Attributed with the click ids the browser sent for this order (confirmed by this request).')
  return { ...request, clickIds: touches.clickIds, coupon: touches.coupon }
}

function duplicate(existing: StoredConversion): ConversionOutcome {
  return {
    result: 'duplicate',
    conversion: existing.conversion,
    commissions: existing.commissions,
    written: [],
    attribution: null,
    reasons: ['This order was already recorded for this event: nothing was written.'],
    clicks: null,
    superseded: null,
  }
}
