import type { CommissionResult } from '../commissions/types.ts'
import { assertId } from '../shared/validate.ts'
import type { ConversionState, LedgerRowStatus, NewLedgerRow } from './types.ts'

/**
 * The ledger rows to append for a priced conversion: one per commission line, with its rule,
 * level, kind, amount and explanation. The caller assigns ids. `status` is the conversion's
 * row status (rowStatusFor() maps a lifecycle state); new conversions start 'pending'.
 */
export function ledgerRowsFor(
  result: CommissionResult,
  options: { readonly conversionId: string; readonly status?: LedgerRowStatus },
): NewLedgerRow[] {
  const conversionId = assertId(options.conversionId, 'conversionId')
  const status = options.status ?? 'pending'
  const rows: NewLedgerRow[] = []
  for (const line of result.lines) {
    rows.push({
      partnerId: line.partnerId,
      conversionId,
      kind: line.kind,
      ruleId: line.ruleId,
      level: line.level,
      amount: line.amount,
      status,
      payoutId: null,
      reversesRowId: null,
      explanation: line.explanation,
    })
  }
  return rows
}

/** The status a conversion's commission rows take in each lifecycle state. */
export function rowStatusFor(state: ConversionState): LedgerRowStatus {
  // A reversed conversion's rows keep the status they had; its reversal rows net them out.
  return state === 'rejected' ? 'rejected' : state === 'approved' ? 'approved' : 'pending'
}
