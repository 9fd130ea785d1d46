import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface PayableRow {
  id: string
  partnerId: string
  conversionId: string | null
  kind: string
  ruleId: string | null
  level: number
  amountMinor: number
  currency: string
  reversesId: string | null
}

/**
 * A program's approved ledger rows that no payout holds yet, locked for the caller's transaction
 * (two batches created at once cannot take the same row; payout_items.commission_id is unique
 * too).
 */
export async function lockPayableRows(trx: Kysely<Database>, programId: string): Promise<PayableRow[]> {
  const rows = await trx
    .selectFrom('commissions as c')
    .select([
      'c.id',
      'c.partner_id',
      'c.conversion_id',
      'c.kind',
      'c.rule_id',
      'c.level',
      'c.amount_minor',
      'c.currency',
      'c.reverses_id',
    ])
    .where('c.program_id', '=', programId)
    .where('c.status', '=', 'approved')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('payout_items as i').select('i.commission_id').whereRef('i.commission_id', '=', 'c.id'),
        ),
      ),
    )
    .orderBy('c.created_at')
    .orderBy('c.id')
    .forUpdate()
    .execute()
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partner_id,
    conversionId: r.conversion_id,
    kind: r.kind,
    ruleId: r.rule_id,
    level: r.level,
    amountMinor: r.amount_minor,
    currency: r.currency.trim(),
    reversesId: r.reverses_id,
  }))
}

export interface PayoutPartnerFacts {
  id: string
  name: string
  email: string
  status: 'active' | 'suspended' | 'deactivated'
  enrollmentStatus: string | null
  flagged: boolean
  holdReason: string | null
  payoutMethod: string | null
  payoutDetails: Record<string, unknown> | null
}

export async function payoutPartnerFacts(
  db: Kysely<Database>,
  programId: string,
  partnerIds: readonly string[],
): Promise<PayoutPartnerFacts[]> {
  if (partnerIds.length === 0) return []
  const rows = await db
    .selectFrom('partners as p')
    .leftJoin('program_enrollments as e', (j) =>
      j.onRef('e.partner_id', '=', 'p.id').on('e.program_id', '=', programId),
    )
    .select([
      'p.id',
      'p.name',
      'p.email',
      'p.status',
      'e.status as enrollment_status',
      'p.flagged',
      'p.payout_hold_reason',
      'p.payout_method',
      'p.payout_details',
    ])
    .where('p.id', 'in', [...partnerIds])
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    status: r.status,
    enrollmentStatus: r.enrollment_status,
    flagged: r.flagged,
    holdReason: r.payout_hold_reason,
    payoutMethod: r.payout_method,
    payoutDetails: r.payout_details,
  }))
}

export async function insertPayoutBatch(
  trx: Kysely<Database>,
  b: {
    programId: string
    currency: string
    totalMinor: number
    createdBy: string | null
    now: Date
    payouts: {
      partnerId: string
      amountMinor: number
      feeMinor: number
      method: string
      items: { commissionId: string; amountMinor: number }[]
    }[]
  },
): Promise<{ batchId: string; payoutIds: string[] }> {
  const batch = await trx
    .insertInto('payout_batches')
    .values({
      program_id: b.programId,
      status: 'processing',
      currency: b.currency,
      total_minor: b.totalMinor,
      created_by: b.createdBy,
      created_at: b.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const payoutIds: string[] = []
  for (const p of b.payouts) {
    const payout = await trx
      .insertInto('payouts')
      .values({
        batch_id: batch.id,
        partner_id: p.partnerId,
        amount_minor: p.amountMinor,
        fee_minor: p.feeMinor,
        currency: b.currency,
        method: p.method,
        status: 'pending',
        created_at: b.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    payoutIds.push(payout.id)
    if (p.items.length > 0) {
      await trx
        .insertInto('payout_items')
        .values(
          p.items.map((i) => ({
            payout_id: payout.id,
            commission_id: i.commissionId,
            amount_minor: i.amountMinor,
          })),
        )
        .execute()
    }
  }
  return { batchId: batch.id, payoutIds }
}

export async function lockPayout(trx: Kysely<Database>, payoutId: string) {
  const row = await trx
    .selectFrom('payouts as p')
    .innerJoin('payout_batches as b', 'b.id', 'p.batch_id')
    .select([
      'p.id',
      'p.batch_id',
      'p.partner_id',
      'p.amount_minor',
      'p.fee_minor',
      'p.currency',
      'p.method',
      'p.status',
      'b.program_id',
      'b.status as batch_status',
    ])
    .where('p.id', '=', payoutId)
    .forUpdate()
    .executeTakeFirst()
  return row ? { ...row, currency: row.currency.trim() } : undefined
}

export async function setPayoutStatus(
  trx: Kysely<Database>,
  payoutId: string,
  s: { status: 'paid' | 'failed'; reference: string | null; paidAt: Date | null },
): Promise<void> {
  await trx
    .updateTable('payouts')
    .set({ status: s.status, reference: s.reference, paid_at: s.paidAt })
    .where('id', '=', payoutId)
    .execute()
}

/** Releases a failed payout's rows: they are unpaid again and carry over to the next batch. */
export async function releasePayoutItems(trx: Kysely<Database>, payoutId: string): Promise<string[]> {
  const rows = await trx
    .deleteFrom('payout_items')
    .where('payout_id', '=', payoutId)
    .returning('commission_id')
    .execute()
  return rows.map((r) => r.commission_id)
}

/** Closes the batch once none of its payouts is pending: paid when any was paid, else cancelled. */
export async function settleBatchIfDone(
  trx: Kysely<Database>,
  batchId: string,
  now: Date,
): Promise<string | null> {
  const counts = await trx
    .selectFrom('payouts')
    .select([
      sql<number>`count(*) filter (where status = 'pending')::int`.as('pending'),
      sql<number>`count(*) filter (where status = 'paid')::int`.as('paid'),
    ])
    .where('batch_id', '=', batchId)
    .executeTakeFirstOrThrow()
  if (Number(counts.pending) > 0) return null
  const status = Number(counts.paid) > 0 ? 'paid' : 'cancelled'
  await trx
    .updateTable('payout_batches')
    .set({ status, paid_at: status === 'paid' ? now : null })
    .where('id', '=', batchId)
    .where('status', '=', 'processing')
    .execute()
  return status
}

export async function pendingPayoutIds(db: Kysely<Database>, batchId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('payouts')
    .select('id')
    .where('batch_id', '=', batchId)
    .where('status', '=', 'pending')
    .orderBy('id')
    .execute()
  return rows.map((r) => r.id)
}
