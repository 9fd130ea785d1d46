import {
  type ConversionEvent,
  type ConversionLifecycle,
  CoreError,
  formatMoney,
  type Money,
  reversalLines,
  transitionConversion,
} from '@tandem/core'
import {
  type ConversionProgram,
  enqueueOutboxEvent,
  insertAuditRow,
  insertConversionRefund,
  insertLedgerLines,
  loadConversionView,
  loadLedgerRows,
  lockLiveConversion,
  queueClickHouseEvents,
  reversalLedgerLines,
  setPendingLedgerRowsStatus,
  updateConversionState,
} from '@tandem/db'
import { auditActor, type ServiceContext } from '../context.ts'
import { ConflictError, IllegalTransitionError, InvalidInputError, NotFoundError } from '../errors.ts'
import { changeEvent } from './clickhouse-events.ts'
import type { CommissionView, ConversionChangeRequest, ConversionOutcome } from './types.ts'

/**
 * Applies a status change or a refund to an existing conversion, in one transaction with the
 * conversion row locked (the hold-period approval job takes the same lock): core decides the
 * transition (and refuses illegal ones) and computes the reversal rows; a refund id already
 * applied, or a status it already has, changes nothing. The ClickHouse event, the audit row and
 * the webhook outbox rows commit with it.
 */
export async function changeConversion(
  ctx: ServiceContext,
  program: ConversionProgram,
  req: ConversionChangeRequest,
): Promise<ConversionOutcome> {
  const now = ctx.now()
  const change = await ctx.db.transaction().execute(async (trx) => {
    const conv = await lockLiveConversion(trx, {
      programId: program.id,
      event: req.event,
      orderId: req.orderId,
    })
    if (!conv) {
      throw new NotFoundError(
        'conversion',
        req.orderId,
        `No ${req.event} conversion with order_id ${JSON.stringify(req.orderId.slice(0, 128))} in program ${program.slug}`,
        'conversion_not_found',
      )
    }
    const currency = conv.currency
    const lifecycle: ConversionLifecycle = {
      state: conv.status,
      amount: { amountMinor: conv.amountMinor, currency },
      refunded: { amountMinor: conv.refundedMinor, currency },
      appliedRefundIds: conv.refunds.map((r) => r.refundId),
      holdUntil: conv.holdUntil ?? conv.occurredAt,
      updatedAt: conv.decidedAt ?? conv.createdAt,
    }
    const event = toLifecycleEvent(req, lifecycle)
    if (event?.type === 'refund' && req.change.type === 'refund' && req.change.amount) {
      checkRefundIdReuse(conv.refunds, event.refundId, event.amount)
    }
    const unchanged = (explanation: string) => ({
      updated: false as const,
      conversionId: conv.id,
      explanation,
    })
    if (!event) return unchanged(`The conversion is already ${conv.status}.`)
    const transition = coreDecides(() => transitionConversion(lifecycle, event, now))
    if (!transition.changed) return unchanged(transition.explanation)

    let written: CommissionView[] = []
    const effect = transition.effect
    if (effect.type === 'set_row_status') {
      await setPendingLedgerRowsStatus(trx, conv.id, effect.status, now)
    } else if (effect.type === 'reverse' && event.type === 'refund') {
      const rows = await loadLedgerRows(trx, conv.id)
      const reversal = reversalLines({
        rows,
        refund: { refunded: effect.refundedAfter, total: lifecycle.amount },
        rounding: program.rounding_mode,
      })
      written = await insertLedgerLines(
        trx,
        program.id,
        conv.id,
        reversalLedgerLines(conv.id, reversal, {
          key: `refund:${event.refundId}`,
          label: `refund ${event.refundId}`,
        }),
        now,
      )
      await insertConversionRefund(trx, {
        conversionId: conv.id,
        refundId: event.refundId,
        amountMinor: event.amount.amountMinor,
        currency,
        source: req.source,
        now,
      })
    }
    const next = transition.next
    await updateConversionState(trx, conv.id, {
      status: next.state,
      refundedMinor: next.refunded.amountMinor,
      ...(next.state !== conv.status ? { decidedAt: now } : {}),
    })
    const refundedMinor = next.refunded.amountMinor - conv.refundedMinor
    const data = {
      event: req.event,
      order_id: req.orderId,
      from: conv.status,
      to: next.state,
      refunded_minor: refundedMinor,
      currency,
      rows_written: written.length,
    }
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: refundedMinor > 0 ? 'conversion.refunded' : 'conversion.status_changed',
      entityType: 'conversion',
      entityId: conv.id,
      data,
    })
    const topic =
      next.state === 'approved' && conv.status !== 'approved' ? 'conversion.approved' : 'conversion.updated'
    await enqueueOutboxEvent(trx, {
      programId: program.id,
      topic,
      payload: { conversion_id: conv.id, program_id: program.id, ...data },
      partnerId: conv.partnerId,
    })
    await queueClickHouseEvents(trx, [
      changeEvent(
        program.id,
        req,
        {
          conversionId: conv.id,
          partnerId: conv.partnerId,
          status: next.state,
          currency,
          refundedMinor,
          written,
        },
        now,
      ),
    ])
    return { updated: true as const, conversionId: conv.id, explanation: transition.explanation, written }
  })
  const stored = await loadConversionView(ctx.db, program.id, req.event, req.orderId)
  if (!stored) throw new Error('conversion vanished after its transaction')
  return {
    result: change.updated ? 'updated' : 'unchanged',
    conversion: stored.conversion,
    commissions: stored.commissions,
    written: change.updated ? change.written : [],
    attribution: null,
    reasons: [change.explanation],
    clicks: null,
    superseded: null,
  }
}

/** core refuses illegal transitions with a CoreError: the caller hears it as a domain refusal. */
export function coreDecides<T>(decide: () => T): T {
  try {
    return decide()
  } catch (error) {
    if (error instanceof CoreError) {
      if (error.code === 'illegal_transition') throw new IllegalTransitionError(error.message, {}, error.code)
      throw new InvalidInputError(error.message, {}, error.code)
    }
    throw error
  }
}

/**
 * A refund id already applied with another amount is a conflict, not a retry: answering
 * 'unchanged' would let the merchant believe the second amount was refunded.
 */
function checkRefundIdReuse(
  applied: readonly { refundId: string; amountMinor: number }[],
  refundId: string,
  requested: Money,
): void {
  const earlier = applied.find((r) => r.refundId === refundId)
  if (!earlier || earlier.amountMinor === requested.amountMinor) return
  const before = { amountMinor: earlier.amountMinor, currency: requested.currency }
  throw new ConflictError(
    `Refund ${refundId} was already applied with ${formatMoney(before)}; this request asks for ${formatMoney(requested)}. Use a new refund_id for another refund`,
    {
      refund_id: refundId,
      applied_amount_minor: earlier.amountMinor,
      requested_amount_minor: requested.amountMinor,
      currency: requested.currency,
    },
    'refund_id_reused',
  )
}

function toLifecycleEvent(
  req: ConversionChangeRequest,
  lifecycle: ConversionLifecycle,
): ConversionEvent | null {
  const change = req.change
  const currency = lifecycle.amount.currency
  const checkCurrency = (c: string) => {
    if (c !== currency) {
      throw new InvalidInputError(
        `The conversion is in ${currency}; the change is in ${c}`,
        {},
        'currency_mismatch',
      )
    }
  }
  switch (change.type) {
    case 'status':
      if (change.status === 'approved') return { type: 'approve' }
      if (change.status === 'rejected')
        return { type: 'reject', reason: change.reason ?? 'rejected by the merchant' }
      if (lifecycle.state === 'pending') return null
      throw new IllegalTransitionError(`A ${lifecycle.state} conversion cannot go back to pending`)
    case 'refund': {
      const remaining = lifecycle.amount.amountMinor - lifecycle.refunded.amountMinor
      const amount = change.amount ?? { amountMinor: remaining, currency }
      checkCurrency(amount.currency)
      return { type: 'refund', refundId: change.refundId, amount }
    }
    case 'new_total': {
      checkCurrency(change.total.currency)
      const current = lifecycle.amount.amountMinor - lifecycle.refunded.amountMinor
      if (change.total.amountMinor === current) return null
      if (change.total.amountMinor > current) {
        const fmt = (amountMinor: number) => formatMoney({ amountMinor, currency })
        throw new ConflictError(
          `The new total (${fmt(change.total.amountMinor)}) is above the current one (${fmt(current)}): an amount can only go down, by a refund`,
          {},
          'amount_increase',
        )
      }
      return {
        type: 'refund',
        refundId: `total:${change.total.amountMinor}`,
        amount: { amountMinor: current - change.total.amountMinor, currency },
      }
    }
  }
}
