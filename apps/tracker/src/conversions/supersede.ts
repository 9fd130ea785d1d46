import {
  type ConversionLifecycle,
  reversalLines,
  type TransitionResult,
  transitionConversion,
} from '@tandem/core'
import type { Stores } from '@tandem/db'
import { insertReversals, loadLedgerRows } from './ledger-rows.ts'
import type { CommissionView, NewConversionRequest } from './types.ts'
import {
  actorType,
  enqueueWebhooks,
  insertNewConversion,
  type NewConversionWrite,
  type StoredConversion,
  type Trx,
} from './write.ts'

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
export async function pixelTouches(
  db: Stores['db'],
  conversionId: string,
): Promise<{ clickIds: string[]; coupon: string | null }> {
  const row = await db
    .selectFrom('conversions')
    .select(['attribution', 'coupon_code'])
    .where('id', '=', conversionId)
    .executeTakeFirst()
  const ids = (row?.attribution as { clickIds?: unknown } | undefined)?.clickIds
  return {
    clickIds: Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [],
    coupon: row?.coupon_code ?? null,
  }
}

/**
 * In one transaction: retires the pixel conversion `pixelId` and writes the authenticated one.
 * null when another request superseded it first (the caller answers 'duplicate').
 */
export async function writeSupersedingConversion(
  db: Stores['db'],
  w: NewConversionWrite,
  pixelId: string,
): Promise<SupersededConversion | null> {
  return db.transaction().execute(async (trx) => {
    const retired = await retirePixelConversion(trx, w, pixelId)
    if (!retired) return null
    // The pixel's row was the order's live conversion and is now marked: the insert cannot conflict.
    if (!(await insertNewConversion(trx, w))) throw new Error('superseding conversion conflicted')
    return retired
  })
}

/**
 * Core decides how the pixel conversion ends, with the lifecycle transitions it has: a full
 * refund of what is left of it (pending or approved: it becomes 'reversed'), or, with nothing
 * left to refund (an amount of 0, a lead), a rejection. Its ledger rows stay as they are, as
 * history; core's reversal of every row in full nets them to zero (a clawback for a row already
 * paid out). The row points to the conversion that replaced it.
 */
async function retirePixelConversion(
  trx: Trx,
  w: NewConversionWrite,
  pixelId: string,
): Promise<SupersededConversion | null> {
  const { program, now } = w
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
    .where('id', '=', pixelId)
    .where('superseded_by', 'is', null)
    .forUpdate()
    .executeTakeFirst()
  if (!conv) return null
  const currency = conv.currency.trim()
  const refunds = await trx
    .selectFrom('conversion_refunds')
    .select('refund_id')
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
  const left = conv.amount_minor - conv.refunded_minor
  const refundId = `superseded:${w.id}`
  let transition: TransitionResult | null = null
  if ((conv.status === 'pending' || conv.status === 'approved') && left > 0) {
    transition = transitionConversion(
      lifecycle,
      { type: 'refund', refundId, amount: { amountMinor: left, currency } },
      now,
    )
    await trx
      .insertInto('conversion_refunds')
      .values({
        conversion_id: conv.id,
        refund_id: refundId,
        amount_minor: left,
        currency,
        source: w.request.source,
      })
      .execute()
  } else if (conv.status === 'pending') {
    transition = transitionConversion(
      lifecycle,
      { type: 'reject', reason: `superseded by the merchant's conversion ${w.id}` },
      now,
    )
  }
  const rows = await loadLedgerRows(trx, conv.id)
  const reversal = reversalLines({
    rows,
    refund: { fraction: { numerator: 1, denominator: 1 } },
    rounding: program.rounding_mode,
  })
  const written = await insertReversals(trx, program.id, conv.id, reversal, {
    key: refundId,
    label: `the merchant's conversion ${w.id}, which supersedes this client-side one`,
  })
  const next = transition?.next ?? lifecycle
  await trx
    .updateTable('conversions')
    .set({
      status: next.state,
      refunded_minor: next.refunded.amountMinor,
      superseded_by: w.id,
      ...(next.state !== conv.status ? { decided_at: now } : {}),
    })
    .where('id', '=', conv.id)
    .execute()
  const data = {
    event: w.request.event,
    order_id: w.request.orderId,
    superseded_by: w.id,
    from: conv.status,
    to: next.state,
    amount_minor: conv.amount_minor,
    currency,
    partner_id: conv.partner_id,
    rows_written: written.length,
  }
  await trx
    .insertInto('audit_log')
    .values({
      actor_type: actorType(w.request.source),
      actor_id: w.request.actorId,
      action: 'conversion.superseded',
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
    conversionId: conv.id,
    partnerId: conv.partner_id,
    status: next.state,
    currency,
    retiredMinor: next.refunded.amountMinor - conv.refunded_minor,
    written,
  }
}
