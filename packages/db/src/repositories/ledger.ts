import type { LedgerRow, NewLedgerRow } from '@tandem/core'
import type { Kysely } from 'kysely'
import type { CommissionsTable, Database } from '../postgres/schema.ts'
import { type CommissionView, commissionView } from './conversions.ts'

const LEDGER_KINDS = new Set(['commission', 'override', 'bonus', 'reversal', 'clawback'])

/** A conversion's ledger rows as core's LedgerRow (with the payout that paid each one). */
export async function loadLedgerRows(trx: Kysely<Database>, conversionId: string): Promise<LedgerRow[]> {
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
    .orderBy('commissions.id')
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

export interface NewLedgerLine {
  partnerId: string
  ruleId: string | null
  level: number
  kind: CommissionsTable['kind']
  amountMinor: number
  currency: string
  status: 'pending' | 'approved' | 'rejected'
  explanation: string
  reversesId: string | null
  /** Makes the write idempotent: the same decision written twice is one row. */
  idempotencyKey: string
}

/** Appends ledger rows (commissions, reversals, clawbacks); rows whose key exists are skipped. */
export async function insertLedgerLines(
  trx: Kysely<Database>,
  programId: string,
  conversionId: string | null,
  lines: readonly NewLedgerLine[],
  now: Date,
): Promise<CommissionView[]> {
  if (lines.length === 0) return []
  const inserted = await trx
    .insertInto('commissions')
    .values(
      lines.map((l) => ({
        program_id: programId,
        partner_id: l.partnerId,
        conversion_id: conversionId,
        rule_id: l.ruleId,
        level: l.level,
        kind: l.kind,
        amount_minor: l.amountMinor,
        currency: l.currency,
        status: l.status,
        explanation: l.explanation,
        reverses_id: l.reversesId,
        idempotency_key: l.idempotencyKey,
        created_at: now,
        approved_at: l.status === 'approved' ? now : null,
      })),
    )
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning(['partner_id', 'level', 'kind', 'amount_minor', 'currency', 'status', 'explanation'])
    .execute()
  return inserted.map(commissionView)
}

/** core's reversal rows as ledger lines; `cause.key` makes them idempotent per refund or supersession. */
export function reversalLedgerLines(
  conversionId: string,
  rows: readonly NewLedgerRow[],
  cause: { key: string; label: string },
): NewLedgerLine[] {
  return rows.map((row, i) => ({
    partnerId: row.partnerId,
    ruleId: row.ruleId,
    level: row.level,
    kind: row.kind,
    amountMinor: row.amount.amountMinor,
    currency: row.amount.currency,
    status: row.status === 'approved' ? 'approved' : row.status === 'rejected' ? 'rejected' : 'pending',
    explanation: `${row.kind === 'clawback' ? 'Clawback' : 'Reversal'} for ${cause.label}`,
    reversesId: row.reversesRowId,
    idempotencyKey: `conversion:${conversionId}:${cause.key}:${i}:${row.reversesRowId ?? ''}`,
  }))
}
