import type { CommissionLine, ConversionLifecycle } from '@tandem/core'
import type { NewLedgerLine } from '@tandem/db'

/** Ledger row status for a conversion state ('reversed' conversions keep their rows' status). */
export function rowStatus(
  lifecycle: Pick<ConversionLifecycle, 'state'>,
): 'pending' | 'approved' | 'rejected' {
  return lifecycle.state === 'approved' ? 'approved' : lifecycle.state === 'rejected' ? 'rejected' : 'pending'
}

/** core's commission lines as the conversion's first ledger rows (idempotent per line). */
export function commissionLedgerLines(
  conversionId: string,
  lines: readonly CommissionLine[],
  lifecycle: Pick<ConversionLifecycle, 'state'>,
): NewLedgerLine[] {
  const status = rowStatus(lifecycle)
  return lines.map((line, i) => ({
    partnerId: line.partnerId,
    ruleId: line.ruleId,
    level: line.level,
    kind: line.kind,
    amountMinor: line.amount.amountMinor,
    currency: line.amount.currency,
    status,
    explanation: line.explanation,
    reversesId: null,
    idempotencyKey: `conversion:${conversionId}:line:${i}:${line.partnerId}:${line.level}:${line.kind}`,
  }))
}
