import { randomUUID } from 'node:crypto'
import { CoreError } from '@tandem/core'
import type { Stores } from '@tandem/db'
import { type EventRow, emptyEventRow, NIL_UUID } from '@tandem/db'
import type { ClickIdSigner } from '../click-id.ts'
import { resolveFraudConfig } from '../domain/fraud-config.ts'
import { HttpError } from '../http/http-error.ts'
import { applyConversionChange } from './apply-change.ts'
import { decideAttribution, decideCommissions, type VerifiedClick } from './decide.ts'
import {
  loadCoupon,
  loadCustomer,
  loadFxTable,
  loadLinkOwners,
  loadPartners,
  loadPeriodVolumes,
  loadRuleSet,
} from './load.ts'
import { attributionSettings, type ProgramRow } from './program.ts'
import type { ConversionChangeRequest, ConversionOutcome, NewConversionRequest } from './types.ts'
import { loadConversionView, writeNewConversion } from './write.ts'

export interface ConversionServiceDeps {
  db: Stores['db']
  signer: ClickIdSigner
  emit(table: 'events', row: EventRow): undefined | Promise<void>
  count(source: string, result: string): void
}

/**
 * Conversions from every source (postback, API, pixel): load what core needs, let core decide
 * (attribution, fraud, lifecycle, commissions, reversals), write it in one transaction, then put
 * the event in the spool for ClickHouse. Core errors (an unknown currency, invalid rules) become
 * 422 answers that say what is wrong.
 */
export class ConversionService {
  constructor(private readonly deps: ConversionServiceDeps) {}

  async create(program: ProgramRow, request: NewConversionRequest): Promise<ConversionOutcome> {
    const outcome = await coreErrorsAs422(() => this.createUnsafe(program, request))
    this.deps.count(request.source, outcome.result)
    return outcome
  }

  async change(program: ProgramRow, request: ConversionChangeRequest): Promise<ConversionOutcome> {
    const outcome = await coreErrorsAs422(() => this.changeUnsafe(program, request))
    this.deps.count(request.source, outcome.result)
    return outcome
  }

  private async createUnsafe(program: ProgramRow, request: NewConversionRequest): Promise<ConversionOutcome> {
    const { db } = this.deps
    if (program.status === 'archived') {
      throw new HttpError(
        422,
        'program_archived',
        `Program ${program.slug} is archived and takes no new conversions`,
      )
    }
    const now = new Date()
    const existing = await loadConversionView(db, program.id, request.event, request.orderId)
    if (existing) return this.duplicate(existing)

    const reasons: string[] = []
    const clicks = await this.verifyClicks(program, request.clickIds, reasons)
    const coupon = request.coupon ? await loadCoupon(db, program.id, request.coupon) : null
    if (request.coupon && !coupon)
      reasons.push(`Coupon ${request.coupon} is not an active coupon of this program.`)
    const customer = request.customer.externalId
      ? await loadCustomer(db, program.id, request.customer.externalId)
      : null
    const touchPartners = new Set<string>(clicks.map((c) => c.partnerId))
    if (coupon) touchPartners.add(coupon.partnerId)
    if (customer?.referrerPartnerId) touchPartners.add(customer.referrerPartnerId)
    const partners = await loadPartners(db, program.id, [...touchPartners])
    const settings = attributionSettings(program)

    const decision = decideAttribution({
      program,
      settings,
      fraudConfig: resolveFraudConfig(program.fraud),
      request,
      clicks,
      coupon,
      customer,
      partners,
      now,
    })
    let lines: ReturnType<typeof decideCommissions>['lines'] = []
    if (!decision.rejected && decision.attribution.shares.length > 0) {
      const earning = new Set<string>()
      for (const share of decision.attribution.shares) {
        earning.add(share.partnerId)
        for (
          let p = partners.get(share.partnerId)?.parentId;
          p && !earning.has(p);
          p = partners.get(p)?.parentId
        ) {
          earning.add(p)
        }
      }
      const [ruleSet, periods, fx] = await Promise.all([
        loadRuleSet(db, program),
        loadPeriodVolumes(db, program, [...earning], request.occurredAt),
        request.amount.currency === program.currency ? null : loadFxTable(db, request.occurredAt),
      ])
      const computed = decideCommissions({ request, decision, ruleSet, partners, periods, fx })
      lines = computed.lines
      reasons.push(...computed.notes)
    }

    const id = randomUUID()
    const top = decision.attribution.shares[0]?.partnerId ?? null
    const lifetimeReferrer =
      settings.lifetimeMonths !== null && top && !customer?.referrerPartnerId ? top : null
    const inserted = await writeNewConversion(db, {
      id,
      program,
      request,
      decision,
      lines,
      lifetimeReferrer,
      now,
    })
    const stored = await loadConversionView(db, program.id, request.event, request.orderId)
    if (!stored) throw new Error('conversion vanished after its transaction')
    if (!inserted) return this.duplicate(stored)

    const commissionMinor = lines.reduce((sum, l) => sum + l.amount.amountMinor, 0)
    const isBot =
      decision.flags.some((f) => f.code === 'bot_click') && decision.attribution.shares.length === 0
    await this.deps.emit('events', {
      ...emptyEventRow(),
      event_id: randomUUID(),
      ts: now.getTime(),
      type: 'conversion',
      program_id: program.id,
      partner_id: top ?? NIL_UUID,
      link_id: decision.mainClick?.linkId ?? 0,
      click_id: decision.mainClick?.clickId ?? '',
      conversion_id: id,
      order_id: request.orderId,
      event_name: request.event,
      status: decision.lifecycle.state,
      amount_minor: request.amount.amountMinor,
      commission_minor: commissionMinor,
      currency: request.amount.currency,
      visitor_hash: request.client.visitorHash,
      ip_hash: request.client.ipHash,
      user_agent: request.client.userAgent,
      referer: request.client.referer,
      sub1: request.subIds.sub1 ?? '',
      sub2: request.subIds.sub2 ?? '',
      sub3: request.subIds.sub3 ?? '',
      sub4: request.subIds.sub4 ?? '',
      sub5: request.subIds.sub5 ?? '',
      is_bot: decision.fraud.decision === 'block' || isBot ? 1 : 0,
      fraud_score: decision.fraud.score,
      fraud_flags: decision.flags.map((f) => f.code),
    })

    const outcome: ConversionOutcome = {
      result: decision.rejected ? 'rejected' : 'created',
      conversion: stored.conversion,
      commissions: stored.commissions,
      written: stored.commissions,
      attribution: {
        source: decision.attribution.source,
        explanation: decision.attribution.explanation,
        shares: decision.attribution.shares.map((s) => ({ partnerId: s.partnerId, weightPpm: s.weightPpm })),
      },
      reasons: [...reasons, ...decision.reasons],
    }
    if (request.status === 'reversed' && !decision.rejected) {
      // Networks sometimes report an order already reversed: record it, then reverse it in full.
      const reversed = await this.changeUnsafe(program, {
        source: request.source,
        actorId: request.actorId,
        event: request.event,
        orderId: request.orderId,
        change: { type: 'refund', refundId: 'reported-reversed', amount: null },
        client: request.client,
      })
      return { ...outcome, conversion: reversed.conversion, commissions: reversed.commissions }
    }
    return outcome
  }

  private async changeUnsafe(
    program: ProgramRow,
    request: ConversionChangeRequest,
  ): Promise<ConversionOutcome> {
    const now = new Date()
    const change = await applyConversionChange(this.deps.db, program, request, now)
    const stored = await loadConversionView(this.deps.db, program.id, request.event, request.orderId)
    if (!stored) throw new Error('conversion vanished after its transaction')
    if (change.result === 'updated') {
      const commissionMinor = change.written.reduce((sum, c) => sum + c.amountMinor, 0)
      await this.deps.emit('events', {
        ...emptyEventRow(),
        event_id: randomUUID(),
        ts: now.getTime(),
        type: change.refundedMinor > 0 ? 'refund' : 'status',
        program_id: program.id,
        partner_id: change.partnerId ?? NIL_UUID,
        conversion_id: change.conversionId,
        order_id: request.orderId,
        event_name: request.event,
        status: change.status,
        amount_minor: -change.refundedMinor,
        commission_minor: commissionMinor,
        currency: change.currency,
        visitor_hash: request.client.visitorHash,
        ip_hash: request.client.ipHash,
        user_agent: request.client.userAgent,
        referer: request.client.referer,
      })
    }
    return {
      result: change.result,
      conversion: stored.conversion,
      commissions: stored.commissions,
      written: change.written,
      attribution: null,
      reasons: [change.explanation],
    }
  }

  private duplicate(
    existing: NonNullable<Awaited<ReturnType<typeof loadConversionView>>>,
  ): ConversionOutcome {
    return {
      result: 'duplicate',
      conversion: existing.conversion,
      commissions: existing.commissions,
      written: [],
      attribution: null,
      reasons: ['This order was already recorded for this event: nothing was written.'],
    }
  }

  /** Verified click ids of this program; each one dropped gets a reason in the answer. */
  private async verifyClicks(
    program: ProgramRow,
    ids: readonly string[],
    reasons: string[],
  ): Promise<VerifiedClick[]> {
    const verified: { clickId: string; linkId: number; at: Date; bot: boolean }[] = []
    for (const id of ids) {
      const v = this.deps.signer.verify(id)
      if (v.ok) verified.push({ clickId: v.clickId, linkId: v.linkId, at: v.issuedAt, bot: v.bot })
      else reasons.push(`Click id ${id.slice(0, 12)}… ignored: ${v.message}.`)
    }
    const owners = await loadLinkOwners(
      this.deps.db,
      verified.map((v) => v.linkId),
    )
    const out: VerifiedClick[] = []
    for (const v of verified) {
      const owner = owners.get(v.linkId)
      if (!owner || owner.programId !== program.id) {
        reasons.push(
          `Click id ${v.clickId.slice(0, 12)}… ignored: its link is not in program ${program.slug}.`,
        )
        continue
      }
      out.push({ ...v, partnerId: owner.partnerId })
    }
    return out
  }
}

async function coreErrorsAs422<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof CoreError) {
      const code = error.code === 'illegal_transition' ? 409 : 422
      throw new HttpError(code, error.code, error.message)
    }
    throw error
  }
}
