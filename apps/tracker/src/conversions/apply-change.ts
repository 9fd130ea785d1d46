import {
  type ConversionEvent,
  type ConversionLifecycle,
  formatMoney,
  type Money,
  reversalLines,
  transitionConversion,
} from '@tandem/core'
import type { Stores } from '@tandem/db'
import { HttpError } from '../http/http-error.ts'
import { insertReversals, loadLedgerRows } from './ledger-rows.ts'
import type { ProgramRow } from './program.ts'
import type { CommissionView, ConversionChangeRequest } from './types.ts'
import { actorType, enqueueWebhooks } from './write.ts'

export interface ChangeResult {
  result: 'updated' | 'unchanged'
  conversionId: string
  partnerId: string | null
  status: string
  currency: string
  /** Money refunded by this change (positive), and the ledger rows it wrote. */
  refundedMinor: number
  written: CommissionView[]
  explanation: string
}

/**
 * Applies a status change or a refund to an existing conversion, in one transaction with the
 * conversion row locked: core decides the transition (and refuses illegal ones), core computes the
 * reversal rows; a refund id already applied, or a status it already has, changes nothing.
 */
export async function applyConversionChange(
  db: Stores['db'],
  program: ProgramRow,
  req: ConversionChangeRequest,
  now: Date,
): Promise<ChangeResult> {
  return db.transaction().execute(async (trx) => {
    const conv = await trx
      .selectFrom('conversions')
      .select([
        'id',
        'status',
        'amount_minor',
        'refunded_minor',
        'currency',
        'partner_id',
        'hold_until',
        'occurred_at',
        'decided_at',
        'created_at',
      ])
      .where('program_id', '=', program.id)
      .where('event', '=', req.event)
      .where('order_id', '=', req.orderId)
      .where('superseded_by', 'is', null)
      .forUpdate()
      .executeTakeFirst()
    if (!conv) {
      throw new HttpError(
        404,
        'conversion_not_found',
        `No ${req.event} conversion with order_id ${JSON.stringify(req.orderId.slice(0, 128))} in program ${program.slug}`,
      )
    }
    const currency = conv.currency.trim()
    const refunds = await trx
      .selectFrom('conversion_refunds')
      .select(['refund_id', 'amount_minor'])
      .where('conversion_id', '=', conv.id)
      .execute()
    const lifecycle: ConversionLifecycle = {
      state: conv.status,
      amount: { amountMinor: conv.amount_minor, currency },
      refunded: { amountMinor: conv.refunded_minor, currency },
      appliedRefundIds: refunds.map((r) => r.refund_id),
      holdUntil: conv.hold_until ?? conv.occurred_at,
      updatedAt: conv.decided_at ?? conv.created_at,
    }
    const event = toLifecycleEvent(req, lifecycle)
    if (event?.type === 'refund' && req.change.type === 'refund' && req.change.amount) {
      checkRefundIdReuse(refunds, event.refundId, event.amount)
    }
    const unchanged = (explanation: string): ChangeResult => ({
      result: 'unchanged',
      conversionId: conv.id,
      partnerId: conv.partner_id,
      status: conv.status,
      currency,
      refundedMinor: 0,
      written: [],
      explanation,
    })
    if (!event) return unchanged(`The conversion is already ${conv.status}.`)
    const transition = transitionConversion(lifecycle, event, now)
    if (!transition.changed) return unchanged(transition.explanation)

    let written: CommissionView[] = []
    const effect = transition.effect
    if (effect.type === 'set_row_status') {
      await trx
        .updateTable('commissions')
        .set({ status: effect.status, approved_at: effect.status === 'approved' ? now : null })
        .where('conversion_id', '=', conv.id)
        .where('status', '=', 'pending')
        .execute()
    } else if (effect.type === 'reverse' && event.type === 'refund') {
      const rows = await loadLedgerRows(trx, conv.id)
      const reversal = reversalLines({
        rows,
        refund: { refunded: effect.refundedAfter, total: lifecycle.amount },
        rounding: program.rounding_mode,
      })
      written = await insertReversals(trx, program.id, conv.id, reversal, {
        key: `refund:${event.refundId}`,
        label: `refund ${event.refundId}`,
      })
      await trx
        .insertInto('conversion_refunds')
        .values({
          conversion_id: conv.id,
          refund_id: event.refundId,
          amount_minor: event.amount.amountMinor,
          currency,
          source: req.source,
        })
        .execute()
    }
    const next = transition.next
    await trx
      .updateTable('conversions')
      .set({
        status: next.state,
        refunded_minor: next.refunded.amountMinor,
        ...(next.state !== conv.status ? { decided_at: now } : {}),
      })
      .where('id', '=', conv.id)
      .execute()
    const refundedMinor = next.refunded.amountMinor - conv.refunded_minor
    const data = {
      event: req.event,
      order_id: req.orderId,
      from: conv.status,
      to: next.state,
      refunded_minor: refundedMinor,
      currency,
      rows_written: written.length,
    }
    await trx
      .insertInto('audit_log')
      .values({
        actor_type: actorType(req.source),
        actor_id: req.actorId,
        action: refundedMinor > 0 ? 'conversion.refunded' : 'conversion.status_changed',
        entity_type: 'conversion',
        entity_id: conv.id,
        data: JSON.stringify(data),
      })
      .execute()
    await enqueueWebhooks(trx, program.id, 'conversion.updated', {
      conversion_id: conv.id,
      program_id: program.id,
      ...data,
    })
    return {
      result: 'updated',
      conversionId: conv.id,
      partnerId: conv.partner_id,
      status: next.state,
      currency,
      refundedMinor,
      written,
      explanation: transition.explanation,
    }
  })
}

/**
 * A refund id already applied with another amount is a conflict, not a retry: answering
 * 'unchanged' would let the merchant believe the second amount was refunded.
 */
function checkRefundIdReuse(
  applied: readonly { refund_id: string; amount_minor: number }[],
  refundId: string,
  requested: Money,
): void {
  const earlier = applied.find((r) => r.refund_id === refundId)
  if (!earlier || earlier.amount_minor === requested.amountMinor) return
  const before = { amountMinor: earlier.amount_minor, currency: requested.currency }
  throw new HttpError(
    409,
    'refund_id_reused',
    `Refund ${refundId} was already applied with ${formatMoney(before)}; this request asks for ${formatMoney(requested)}. Use a new refund_id for another refund`,
    {},
    {
      refund_id: refundId,
      applied_amount_minor: earlier.amount_minor,
      requested_amount_minor: requested.amountMinor,
      currency: requested.currency,
    },
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
      throw new HttpError(422, 'currency_mismatch', `The conversion is in ${currency}; the change is in ${c}`)
    }
  }
  switch (change.type) {
    case 'status':
      if (change.status === 'approved') return { type: 'approve' }
      if (change.status === 'rejected')
        return { type: 'reject', reason: change.reason ?? 'rejected by the merchant' }
      if (lifecycle.state === 'pending') return null
      throw new HttpError(
        409,
        'illegal_transition',
        `A ${lifecycle.state} conversion cannot go back to pending`,
      )
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
        throw new HttpError(
          409,
          'amount_increase',
          `The new total (${change.total.amountMinor}) is above the current one (${current}): an amount can only go down, by a refund`,
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
