import { InvariantViolationError } from '../errors.ts'
import { formatMinor, formatMoney } from '../money/format.ts'
import type { ConversionRecord, InvariantViolation, LedgerRow, PayoutRecord } from './types.ts'

/** What checkLedgerInvariants() looks at. */
export interface LedgerSnapshot {
  readonly rows: readonly LedgerRow[]
  readonly payouts: readonly PayoutRecord[]
  /** The conversions the rows belong to, with their state: a 'reversed' one must net to zero. */
  readonly conversions?: readonly ConversionRecord[]
}

/**
 * Check the ledger invariants (README.md "Lifecycle and ledger") and return every violation:
 * - a row is in at most one payout, and the row and the payout point at each other;
 * - a payout pays only its partner's rows and its amount equals the sum of its rows;
 * - reversals point at an existing row, have the opposite sign, and never exceed it;
 * - a fully refunded conversion (state 'reversed' in `conversions`) nets to zero: every row of
 *   it that counts (not rejected) is reversed by exactly its amount.
 * Balance = sum of rows holds by construction: balance() is that sum.
 */
export function checkLedgerInvariants(input: LedgerSnapshot): InvariantViolation[] {
  const violations: InvariantViolation[] = []
  const rows = new Map(input.rows.map((row) => [row.id, row]))
  const payoutOf = new Map<string, string>()

  for (const payout of input.payouts) {
    let sum = 0
    for (const rowId of payout.rowIds) {
      const earlier = payoutOf.get(rowId)
      if (earlier !== undefined) {
        violations.push({
          code: 'row_in_several_payouts',
          rowId,
          payoutId: payout.id,
          message: `Row ${rowId} is in payouts ${earlier} and ${payout.id}`,
        })
      }
      payoutOf.set(rowId, payout.id)
      const row = rows.get(rowId)
      if (!row) {
        violations.push({
          code: 'payout_row_missing',
          rowId,
          payoutId: payout.id,
          message: `Payout ${payout.id} lists unknown row ${rowId}`,
        })
        continue
      }
      if (row.partnerId !== payout.partnerId) {
        violations.push({
          code: 'payout_row_other_partner',
          rowId,
          payoutId: payout.id,
          message: `Payout ${payout.id} for ${payout.partnerId} includes row ${rowId} of ${row.partnerId}`,
        })
      }
      if (row.amount.currency !== payout.amount.currency) {
        violations.push({
          code: 'payout_amount_mismatch',
          rowId,
          payoutId: payout.id,
          message: `Payout ${payout.id} in ${payout.amount.currency} includes row ${rowId} in ${row.amount.currency}`,
        })
      }
      if (row.payoutId !== payout.id) {
        violations.push({
          code: 'row_payout_link_mismatch',
          rowId,
          payoutId: payout.id,
          message: `Payout ${payout.id} lists row ${rowId}, but the row points at ${row.payoutId ?? 'no payout'}`,
        })
      }
      sum += row.amount.amountMinor
    }
    if (sum !== payout.amount.amountMinor) {
      violations.push({
        code: 'payout_amount_mismatch',
        payoutId: payout.id,
        message: `Payout ${payout.id} is ${formatMoney(payout.amount)} but its rows add up to ${formatMinor(sum, payout.amount.currency)}`,
      })
    }
  }

  const reversed = new Map<string, number>()
  for (const row of input.rows) {
    if (row.payoutId !== null && payoutOf.get(row.id) !== row.payoutId) {
      violations.push({
        code: 'row_payout_link_mismatch',
        rowId: row.id,
        payoutId: row.payoutId,
        message: `Row ${row.id} points at payout ${row.payoutId}, which does not list it`,
      })
    }
    if (row.reversesRowId === null) continue
    const original = rows.get(row.reversesRowId)
    if (!original) {
      violations.push({
        code: 'reversal_of_unknown_row',
        rowId: row.id,
        message: `Row ${row.id} reverses unknown row ${row.reversesRowId}`,
      })
      continue
    }
    if (
      row.amount.amountMinor !== 0 &&
      Math.sign(row.amount.amountMinor) === Math.sign(original.amount.amountMinor)
    ) {
      violations.push({
        code: 'reversal_sign',
        rowId: row.id,
        message: `Reversal ${row.id} has the same sign as row ${original.id}`,
      })
    }
    reversed.set(original.id, (reversed.get(original.id) ?? 0) + row.amount.amountMinor)
  }
  for (const [rowId, total] of reversed) {
    const original = rows.get(rowId)!
    if (Math.abs(total) > Math.abs(original.amount.amountMinor)) {
      violations.push({
        code: 'over_reversed',
        rowId,
        message: `Row ${rowId} of ${formatMoney(original.amount)} is reversed by ${formatMinor(-total, original.amount.currency)}, more than its amount`,
      })
    }
  }
  if (input.conversions) refundsNetted(input.conversions, input.rows, reversed, violations)
  return violations
}

const ORIGINAL_KINDS: ReadonlySet<string> = new Set(['commission', 'override', 'bonus'])

/** Every counting row of a fully refunded conversion is reversed by exactly its amount. */
function refundsNetted(
  conversions: readonly ConversionRecord[],
  rows: readonly LedgerRow[],
  reversed: ReadonlyMap<string, number>,
  violations: InvariantViolation[],
): void {
  const refunded = new Set<string>()
  for (const conversion of conversions) if (conversion.state === 'reversed') refunded.add(conversion.id)
  for (const row of rows) {
    if (row.conversionId === null || !refunded.has(row.conversionId)) continue
    if (!ORIGINAL_KINDS.has(row.kind) || row.status === 'rejected') continue
    const net = row.amount.amountMinor + (reversed.get(row.id) ?? 0)
    if (net === 0) continue
    violations.push({
      code: 'refunded_not_netted',
      rowId: row.id,
      conversionId: row.conversionId,
      message: `Conversion ${row.conversionId} is refunded in full, but row ${row.id} of ${formatMoney(row.amount)} still nets to ${formatMinor(net, row.amount.currency)}`,
    })
  }
}

/** checkLedgerInvariants() that throws InvariantViolationError on the first problems found. */
export function assertLedgerInvariants(input: LedgerSnapshot): void {
  const violations = checkLedgerInvariants(input)
  if (violations.length > 0) {
    throw new InvariantViolationError(violations.map((violation) => violation.message).join('; '), {
      violations,
    })
  }
}
