import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface PayoutBatchSummary {
  id: string
  programId: string | null
  programName: string | null
  status: string
  currency: string
  totalMinor: number
  payouts: number
  paid: number
  failed: number
  createdAt: Date
  createdByName: string | null
  paidAt: Date | null
}

/** Payout batches, newest first (one program's, or all). */
export async function listPayoutBatches(
  db: Kysely<Database>,
  p: { programId?: string | undefined; batchId?: string | undefined; limit: number },
): Promise<PayoutBatchSummary[]> {
  const rows = await db
    .selectFrom('payout_batches as b')
    .leftJoin('programs as g', 'g.id', 'b.program_id')
    .leftJoin('users as u', 'u.id', 'b.created_by')
    .select((eb) => [
      'b.id',
      'b.program_id',
      'g.name as program_name',
      'b.status',
      'b.currency',
      'b.total_minor',
      'b.created_at',
      'b.paid_at',
      'u.name as created_by_name',
      eb
        .selectFrom('payouts as o')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('o.batch_id', '=', 'b.id')
        .as('n'),
      eb
        .selectFrom('payouts as o')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('o.batch_id', '=', 'b.id')
        .where('o.status', '=', 'paid')
        .as('n_paid'),
      eb
        .selectFrom('payouts as o')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('o.batch_id', '=', 'b.id')
        .where('o.status', '=', 'failed')
        .as('n_failed'),
    ])
    .$if(p.programId !== undefined, (q) => q.where('b.program_id', '=', p.programId!))
    .$if(p.batchId !== undefined, (q) => q.where('b.id', '=', p.batchId!))
    .orderBy('b.created_at', 'desc')
    .limit(p.limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    programId: r.program_id,
    programName: r.program_name,
    status: r.status,
    currency: r.currency.trim(),
    totalMinor: r.total_minor,
    payouts: Number(r.n ?? 0),
    paid: Number(r.n_paid ?? 0),
    failed: Number(r.n_failed ?? 0),
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    paidAt: r.paid_at,
  }))
}

export interface PayoutBatchDetail extends PayoutBatchSummary {
  lines: {
    id: string
    partnerId: string
    partnerName: string
    partnerEmail: string
    amountMinor: number
    feeMinor: number
    currency: string
    method: string
    status: string
    reference: string | null
    paidAt: Date | null
    /** The partner's payout details as stored now (for the bank / PayPal file; never logged). */
    details: Record<string, unknown> | null
    detailsMethod: string | null
    items: number
  }[]
}

export async function findPayoutBatch(
  db: Kysely<Database>,
  batchId: string,
): Promise<PayoutBatchDetail | null> {
  const [summary] = await listPayoutBatches(db, { batchId, limit: 1 })
  if (!summary) return null
  const lines = await db
    .selectFrom('payouts as o')
    .innerJoin('partners as p', 'p.id', 'o.partner_id')
    .select((eb) => [
      'o.id',
      'o.partner_id',
      'p.name',
      'p.email',
      'o.amount_minor',
      'o.fee_minor',
      'o.currency',
      'o.method',
      'o.status',
      'o.reference',
      'o.paid_at',
      'p.payout_details',
      'p.payout_method',
      eb
        .selectFrom('payout_items as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.payout_id', '=', 'o.id')
        .as('items'),
    ])
    .where('o.batch_id', '=', batchId)
    .orderBy('p.name')
    .orderBy('o.id')
    .execute()
  return {
    ...summary,
    lines: lines.map((l) => ({
      id: l.id,
      partnerId: l.partner_id,
      partnerName: l.name,
      partnerEmail: l.email,
      amountMinor: l.amount_minor,
      feeMinor: l.fee_minor,
      currency: l.currency.trim(),
      method: l.method,
      status: l.status,
      reference: l.reference,
      paidAt: l.paid_at,
      details: l.payout_details,
      detailsMethod: l.payout_method,
      items: Number(l.items ?? 0),
    })),
  }
}
