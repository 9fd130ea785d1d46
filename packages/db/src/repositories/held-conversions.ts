import { type Kysely, sql } from 'kysely'
import type { ConversionStatus, ConversionsTable, Database } from '../postgres/schema.ts'

/**
 * Pending conversions whose hold has ended, oldest hold first. `heldSince` (a demo override)
 * also counts as ended a hold of any live conversion created before it (not the seeded history). Conversions flagged for review
 * (attribution.needsReview) wait for a person and are not returned.
 */
export async function findDueHeldConversionIds(
  db: Kysely<Database>,
  q: { now: Date; heldSince: Date | null; limit: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('conversions')
    .select('id')
    .where('status', '=', 'pending')
    .where((eb) =>
      q.heldSince
        ? eb.or([
            eb('hold_until', '<=', q.now),
            eb.and([eb('created_at', '<=', q.heldSince), eb('source', '!=', 'seed')]),
          ])
        : eb('hold_until', '<=', q.now),
    )
    .where(sql<boolean>`coalesce((attribution->>'needsReview')::boolean, false) = false`)
    .orderBy('hold_until')
    .limit(q.limit)
    .execute()
  return rows.map((r) => r.id)
}

export interface LockedConversion {
  id: string
  programId: string
  partnerId: string | null
  event: string
  orderId: string
  status: ConversionStatus
  amountMinor: number
  refundedMinor: number
  currency: string
  holdUntil: Date | null
  occurredAt: Date
  source: ConversionsTable['source']
  decidedAt: Date | null
  createdAt: Date
  appliedRefundIds: string[]
}

/**
 * The conversion row locked FOR UPDATE for the caller's transaction, with its applied refund ids:
 * every decision on a conversion (hold approval, refund, status change) takes this lock first, so
 * they happen one after the other and each sees the state the previous one left.
 */
export async function lockConversion(trx: Kysely<Database>, id: string): Promise<LockedConversion | null> {
  const row = await trx
    .selectFrom('conversions')
    .select([
      'id',
      'program_id',
      'partner_id',
      'event',
      'order_id',
      'status',
      'amount_minor',
      'refunded_minor',
      'currency',
      'hold_until',
      'occurred_at',
      'source',
      'decided_at',
      'created_at',
    ])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  if (!row) return null
  const refunds = await trx
    .selectFrom('conversion_refunds')
    .select('refund_id')
    .where('conversion_id', '=', id)
    .execute()
  return {
    id: row.id,
    programId: row.program_id,
    partnerId: row.partner_id,
    event: row.event,
    orderId: row.order_id,
    status: row.status,
    amountMinor: row.amount_minor,
    refundedMinor: row.refunded_minor,
    currency: row.currency.trim(),
    holdUntil: row.hold_until,
    occurredAt: row.occurred_at,
    source: row.source,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    appliedRefundIds: refunds.map((r) => r.refund_id),
  }
}

/** Sets the status of the conversion's still-pending ledger rows (core's set_row_status effect). */
export async function setPendingLedgerRowsStatus(
  trx: Kysely<Database>,
  conversionId: string,
  status: 'approved' | 'rejected',
  now: Date,
): Promise<number> {
  const r = await trx
    .updateTable('commissions')
    .set({ status, approved_at: status === 'approved' ? now : null })
    .where('conversion_id', '=', conversionId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export async function setConversionStatus(
  trx: Kysely<Database>,
  id: string,
  status: ConversionStatus,
  decidedAt: Date,
): Promise<void> {
  await trx.updateTable('conversions').set({ status, decided_at: decidedAt }).where('id', '=', id).execute()
}
