import type { LedgerRow, NewLedgerRow } from '@tandem/core'
import type { CommissionView } from './types.ts'
import { commissionView, type Trx } from './write.ts'

const LEDGER_KINDS = new Set(['commission', 'override', 'bonus', 'reversal', 'clawback'])

/** A conversion's ledger rows as core's LedgerRow (with the payout that paid each one). */
export async function loadLedgerRows(trx: Trx, conversionId: string): Promise<LedgerRow[]> {
  const rows = await trx
    .selectFrom('commissions')
    .leftJoin('payout_items', 'payout_items.commission_id', 'commissions.id')
    .select([
      'commissions.id',
      'commissions.partner_id',
      'commissions.kind',
      'commissions.rule_id',
      'commissions.level',
      'commissions.amount_minor',
      'commissions.currency',
      'commissions.status',
      'commissions.reverses_id',
      'payout_items.payout_id',
    ])
    .where('commissions.conversion_id', '=', conversionId)
    .orderBy('commissions.created_at')
    .execute()
  return rows
    .filter((r) => LEDGER_KINDS.has(r.kind))
    .map((r) => ({
      id: r.id,
      partnerId: r.partner_id,
      conversionId,
      kind: r.kind as LedgerRow['kind'],
      ruleId: r.rule_id,
      level: r.level,
      amount: { amountMinor: r.amount_minor, currency: r.currency.trim() },
      status: r.status === 'reversed' ? 'rejected' : r.status,
      payoutId: r.payout_id ?? null,
      reversesRowId: r.reverses_id,
    }))
}

/**
 * Appends the reversal / clawback rows core computed. `cause.key` makes the write idempotent per
 * cause (a refund id, a superseding conversion); `cause.label` goes into each row's explanation.
 */
export async function insertReversals(
  trx: Trx,
  programId: string,
  conversionId: string,
  rows: readonly NewLedgerRow[],
  cause: { key: string; label: string },
): Promise<CommissionView[]> {
  if (rows.length === 0) return []
  const inserted = await trx
    .insertInto('commissions')
    .values(
      rows.map((row, i) => ({
        program_id: programId,
        partner_id: row.partnerId,
        conversion_id: conversionId,
        rule_id: row.ruleId,
        level: row.level,
        kind: row.kind,
        amount_minor: row.amount.amountMinor,
        currency: row.amount.currency,
        status: row.status,
        explanation: `${row.kind === 'clawback' ? 'Clawback' : 'Reversal'} for ${cause.label}`,
        reverses_id: row.reversesRowId,
        idempotency_key: `conversion:${conversionId}:${cause.key}:${i}:${row.reversesRowId ?? ''}`,
        approved_at: row.status === 'approved' ? new Date() : null,
      })),
    )
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning(['partner_id', 'level', 'kind', 'amount_minor', 'currency', 'status', 'explanation'])
    .execute()
  return inserted.map(commissionView)
}
