import {
  type ConversionLifecycle,
  reversalLines,
  type TransitionResult,
  transitionConversion,
} from '@tandem/core'
import {
  type ConversionProgram,
  enqueueOutboxEvent,
  insertAuditRow,
  insertConversionRefund,
  insertLedgerLines,
  loadConversionTouches,
  loadLedgerRows,
  lockLiveConversion,
  reversalLedgerLines,
  type StoredConversion,
  updateConversionState,
} from '@tandem/db'
import { auditActor, type ServiceContext, type Trx } from '../context.ts'
import type { CommissionView, NewConversionRequest } from './types.ts'

/**
 * Client-side conversions are unauthenticated: anyone can send the snippet's pixel with a
 * merchant's next order id. So a pixel conversion never blocks or outranks an authenticated one:
 * when the merchant's postback or API call for the same order arrives, it replaces the pixel's.
 */
export function supersedes(existing: StoredConversion, request: NewConversionRequest): boolean {
  return existing.source === 'snippet' && request.source !== 'snippet'
}

export interface SupersededConversion {
  conversionId: string
  partnerId: string | null
  status: string
  currency: string
  /** The amount the superseded conversion no longer counts (what was left of it, positive). */
  retiredMinor: number
  /** Its reversal (or clawback) rows written now. */
  written: CommissionView[]
}

/** The click ids and coupon the pixel conversion came with (a 'confirm' program attributes with them). */
export const pixelTouches = loadConversionTouches

/**
 * Retires the pixel conversion `pixelId` inside the transaction that writes the authenticated one.
 * Core decides how it ends, with the lifecycle transitions it has: a full refund of what is left
 * of it (pending or approved: it becomes 'reversed'), or, with nothing left to refund (an amount
 * of 0, a lead), a rejection. Its ledger rows stay as history; core's reversal of every row in
 * full nets them to zero (a clawback for a row already paid out). null when another request
 * superseded it first.
 */
export async function retirePixelConversion(
  ctx: ServiceContext,
  trx: Trx,
  w: { program: ConversionProgram; request: NewConversionRequest; newId: string; now: Date },
  pixelId: string,
): Promise<SupersededConversion | null> {
  const { program, now } = w
  const conv = await lockLiveConversion(trx, { id: pixelId })
  if (!conv) return null
  const lifecycle: ConversionLifecycle = {
    state: conv.status,
    amount: { amountMinor: conv.amountMinor, currency: conv.currency },
    refunded: { amountMinor: conv.refundedMinor, currency: conv.currency },
    appliedRefundIds: conv.refunds.map((r) => r.refundId),
    holdUntil: conv.holdUntil ?? conv.occurredAt,
    updatedAt: conv.decidedAt ?? conv.createdAt,
  }
  const left = conv.amountMinor - conv.refundedMinor
  const refundId = `superseded:${w.newId}`
  let transition: TransitionResult | null = null
  if ((conv.status === 'pending' || conv.status === 'approved') && left > 0) {
    transition = transitionConversion(
      lifecycle,
      { type: 'refund', refundId, amount: { amountMinor: left, currency: conv.currency } },
      now,
    )
    await insertConversionRefund(trx, {
      conversionId: conv.id,
      refundId,
      amountMinor: left,
      currency: conv.currency,
      source: w.request.source,
      now,
    })
  } else if (conv.status === 'pending') {
    transition = transitionConversion(
      lifecycle,
      { type: 'reject', reason: `superseded by the merchant's conversion ${w.newId}` },
      now,
    )
  }
  const rows = await loadLedgerRows(trx, conv.id)
  const reversal = reversalLines({
    rows,
    refund: { fraction: { numerator: 1, denominator: 1 } },
    rounding: program.rounding_mode,
  })
  const written = await insertLedgerLines(
    trx,
    program.id,
    conv.id,
    reversalLedgerLines(conv.id, reversal, {
      key: refundId,
      label: `the merchant's conversion ${w.newId}, which supersedes this client-side one`,
    }),
    now,
  )
  const next = transition?.next ?? lifecycle
  await updateConversionState(trx, conv.id, {
    status: next.state,
    refundedMinor: next.refunded.amountMinor,
    supersededBy: w.newId,
    ...(next.state !== conv.status ? { decidedAt: now } : {}),
  })
  const data = {
    event: w.request.event,
    order_id: w.request.orderId,
    superseded_by: w.newId,
    from: conv.status,
    to: next.state,
    amount_minor: conv.amountMinor,
    currency: conv.currency,
    partner_id: conv.partnerId,
    rows_written: written.length,
  }
  await insertAuditRow(trx, {
    ...auditActor(ctx.actor),
    action: 'conversion.superseded',
    entityType: 'conversion',
    entityId: conv.id,
    data,
  })
  await enqueueOutboxEvent(trx, {
    programId: program.id,
    topic: 'conversion.updated',
    payload: { conversion_id: conv.id, program_id: program.id, ...data },
    partnerId: conv.partnerId,
  })
  return {
    conversionId: conv.id,
    partnerId: conv.partnerId,
    status: next.state,
    currency: conv.currency,
    retiredMinor: next.refunded.amountMinor - conv.refundedMinor,
    written,
  }
}
