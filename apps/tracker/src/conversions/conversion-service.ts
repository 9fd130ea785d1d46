import { randomUUID } from 'node:crypto'
import { CoreError } from '@tandem/core'
import type { EventRow, Stores } from '@tandem/db'
import type { ClickIdSigner } from '../click-id.ts'
import { resolveFraudConfig } from '../domain/fraud-config.ts'
import { HttpError } from '../http/http-error.ts'
import { checkProgramMaximum } from './amount-limit.ts'
import { applyConversionChange } from './apply-change.ts'
import { checkClicks, refuseUnacceptedTouches } from './click-check.ts'
import { changeEvent, conversionEvent } from './conversion-events.ts'
import { decideAttribution, decideCommissions } from './decide.ts'
import {
  loadCoupon,
  loadCustomer,
  loadFxTable,
  loadPartners,
  loadPeriodVolumes,
  loadRuleSet,
} from './load.ts'
import { attributionSettings, type ProgramRow } from './program.ts'
import {
  pixelTouches,
  type SupersededConversion,
  supersedes,
  writeSupersedingConversion,
} from './supersede.ts'
import type { ConversionChangeRequest, ConversionOutcome, NewConversionRequest } from './types.ts'
import { loadConversionView, type StoredConversion, writeNewConversion } from './write.ts'

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

  private async createUnsafe(
    program: ProgramRow,
    received: NewConversionRequest,
  ): Promise<ConversionOutcome> {
    const { db } = this.deps
    if (program.status === 'archived') {
      throw new HttpError(
        422,
        'program_archived',
        `Program ${program.slug} is archived and takes no new conversions`,
      )
    }
    const now = new Date()
    const fx =
      received.amount.currency === program.currency ? null : await loadFxTable(db, received.occurredAt)
    checkProgramMaximum(program, received.amount, fx)
    const existing = await loadConversionView(db, program.id, received.event, received.orderId)
    if (existing && !supersedes(existing, received)) return this.duplicate(existing)

    const reasons: string[] = []
    const request = existing ? await this.confirmedTouches(program, received, existing, reasons) : received
    const settings = attributionSettings(program)
    const clickCheck = await checkClicks(this.deps, program, request.clickIds, {
      occurredAt: request.occurredAt,
      windowDays: settings.windowDays,
    })
    for (const r of clickCheck.rejected)
      reasons.push(`Click id ${r.clickId.slice(0, 12)}… not accepted: ${r.reason}.`)
    const clicks = clickCheck.verified
    const coupon = request.coupon ? await loadCoupon(db, program.id, request.coupon) : null
    if (request.coupon && !coupon)
      reasons.push(`Coupon ${request.coupon} is not an active coupon of this program.`)
    refuseUnacceptedTouches(program, request, clickCheck, coupon !== null)
    const customer = request.customer.externalId
      ? await loadCustomer(db, program.id, request.customer.externalId)
      : null
    const touchPartners = new Set<string>(clicks.map((c) => c.partnerId))
    if (coupon) touchPartners.add(coupon.partnerId)
    if (customer?.referrerPartnerId) touchPartners.add(customer.referrerPartnerId)
    const partners = await loadPartners(db, program.id, [...touchPartners])

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
    const awaitingConfirmation = request.source === 'snippet' && program.pixel_conversions === 'confirm'
    let lines: ReturnType<typeof decideCommissions>['lines'] = []
    if (awaitingConfirmation) {
      reasons.push(
        `No commission yet: program ${program.slug} pays a client-side conversion once the merchant's server sends the same order (postback or API).`,
      )
    } else if (!decision.rejected && decision.attribution.shares.length > 0) {
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
      const [ruleSet, periods] = await Promise.all([
        loadRuleSet(db, program),
        loadPeriodVolumes(db, program, [...earning], request.occurredAt),
      ])
      const computed = decideCommissions({ request, decision, ruleSet, partners, periods, fx })
      lines = computed.lines
      reasons.push(...computed.notes)
    }

    const id = randomUUID()
    const top = decision.attribution.shares[0]?.partnerId ?? null
    const lifetimeReferrer =
      settings.lifetimeMonths !== null && top && !customer?.referrerPartnerId ? top : null
    const write = { id, program, request, decision, lines, lifetimeReferrer, now }
    let superseded: SupersededConversion | null = null
    let inserted: boolean
    if (existing) {
      superseded = await writeSupersedingConversion(db, write, existing.conversion.id)
      inserted = superseded !== null
    } else inserted = await writeNewConversion(db, write)
    const stored = await loadConversionView(db, program.id, request.event, request.orderId)
    if (!stored) throw new Error('conversion vanished after its transaction')
    if (!inserted) return this.duplicate(stored)

    await this.deps.emit('events', conversionEvent(program, request, decision, lines, id, now))
    if (superseded) {
      await this.deps.emit(
        'events',
        changeEvent(program, request, { ...superseded, refundedMinor: superseded.retiredMinor }, now),
      )
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
      },
      reasons: [...reasons, ...decision.reasons],
      clicks: { accepted: clickCheck.accepted, rejected: clickCheck.rejected },
      superseded: superseded ? { conversionId: superseded.conversionId, status: superseded.status } : null,
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

  /**
   * A program in 'confirm' mode pays a pixel conversion once the merchant's server sends the same
   * order: the server's amount and status count, and when the server sent no touch of its own, the
   * click ids (or coupon) the browser sent with the pixel attribute it. Otherwise the server's
   * request stands as sent: a pixel conversion never outranks it.
   */
  private async confirmedTouches(
    program: ProgramRow,
    request: NewConversionRequest,
    pixel: StoredConversion,
    reasons: string[],
  ): Promise<NewConversionRequest> {
    if (program.pixel_conversions !== 'confirm' || request.clickIds.length > 0 || request.coupon)
      return request
    const touches = await pixelTouches(this.deps.db, pixel.conversion.id)
    if (touches.clickIds.length === 0 && !touches.coupon) return request
    reasons.push('Attributed with the click ids the browser sent for this order (confirmed by this request).')
    return { ...request, clickIds: touches.clickIds, coupon: touches.coupon }
  }

  private async changeUnsafe(
    program: ProgramRow,
    request: ConversionChangeRequest,
  ): Promise<ConversionOutcome> {
    const now = new Date()
    const change = await applyConversionChange(this.deps.db, program, request, now)
    const stored = await loadConversionView(this.deps.db, program.id, request.event, request.orderId)
    if (!stored) throw new Error('conversion vanished after its transaction')
    if (change.result === 'updated')
      await this.deps.emit('events', changeEvent(program, request, change, now))
    return {
      result: change.result,
      conversion: stored.conversion,
      commissions: stored.commissions,
      written: change.written,
      attribution: null,
      reasons: [change.explanation],
      clicks: null,
      superseded: null,
    }
  }

  private duplicate(existing: StoredConversion): ConversionOutcome {
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
