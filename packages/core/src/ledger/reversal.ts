import { InvalidInputError } from '../errors.ts'
import { formatMinor, formatMoney } from '../money/format.ts'
import { assertMoney, type Money } from '../money/money.ts'
import { fromInt, mul, type Ratio, ratio, roundRatio } from '../money/ratio.ts'
import { DEFAULT_ROUNDING, type RoundingMode } from '../money/rounding.ts'
import type { LedgerRow, NewLedgerRow } from './types.ts'

export interface ReversalInput {
  /** Every row of the conversion so far: the original lines and earlier reversals. */
  readonly rows: readonly LedgerRow[]
  /**
   * How much of the conversion is refunded in total after this refund, either as money
   * against the conversion amount, or as an exact fraction (1/1 = full refund).
   */
  readonly refund:
    | { readonly refunded: Money; readonly total: Money }
    | { readonly fraction: { readonly numerator: number; readonly denominator: number } }
  readonly rounding?: RoundingMode
}

const ORIGINAL_KINDS: ReadonlySet<string> = new Set(['commission', 'override', 'bonus'])

/** "50.00 EUR of 100.00 EUR" or "1/2 of the conversion" */
function refundText(refund: ReversalInput['refund']): string {
  return 'fraction' in refund
    ? `${refund.fraction.numerator}/${refund.fraction.denominator} of the conversion`
    : `${formatMoney(refund.refunded)} of ${formatMoney(refund.total)}`
}

function refundedFraction(refund: ReversalInput['refund']): Ratio {
  let numerator: number
  let denominator: number
  if ('fraction' in refund) {
    numerator = refund.fraction.numerator
    denominator = refund.fraction.denominator
  } else {
    assertMoney(refund.refunded, 'refunded amount')
    assertMoney(refund.total, 'conversion total')
    if (refund.refunded.currency !== refund.total.currency) {
      throw new InvalidInputError(
        `The refunded amount is in ${refund.refunded.currency} but the conversion total in ${refund.total.currency}`,
      )
    }
    numerator = refund.refunded.amountMinor
    denominator = refund.total.amountMinor
  }
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new InvalidInputError(
      `The refunded fraction must be whole numbers with a positive total, got ${numerator}/${denominator}`,
    )
  }
  if (numerator < 0 || numerator > denominator) {
    throw new InvalidInputError(
      `The refunded fraction must be between 0 and 1, got ${numerator}/${denominator}`,
    )
  }
  return ratio(numerator, denominator)
}

/**
 * The negative rows to append so that each original row is reversed by the refunded
 * fraction. The fraction is cumulative: each call tops the reversal up to
 * round(original × fraction) minus what earlier reversals took, so several partial refunds
 * that add up to a full refund net every row to exactly zero.
 * A row already paid out is reversed by a 'clawback' row (approved: deducted from the next
 * payout); an unpaid row by a 'reversal' row with the original's status. Rejected rows are
 * never paid, so they are not reversed.
 */
export function reversalLines(input: ReversalInput): NewLedgerRow[] {
  const fraction = refundedFraction(input.refund)
  const mode = input.rounding ?? DEFAULT_ROUNDING
  const reversedSoFar = new Map<string, number>()
  for (const row of input.rows) {
    if (row.reversesRowId !== null) {
      reversedSoFar.set(
        row.reversesRowId,
        (reversedSoFar.get(row.reversesRowId) ?? 0) + row.amount.amountMinor,
      )
    }
  }
  const out: NewLedgerRow[] = []
  for (const row of input.rows) {
    if (row.reversesRowId !== null || !ORIGINAL_KINDS.has(row.kind) || row.status === 'rejected') continue
    assertMoney(row.amount, `row ${row.id} amount`)
    const target = -roundRatio(mul(fromInt(row.amount.amountMinor), fraction), mode)
    const already = reversedSoFar.get(row.id) ?? 0
    const delta = target - already
    if (delta === 0) continue
    const currency = row.amount.currency
    if (Math.sign(delta) === Math.sign(row.amount.amountMinor)) {
      throw new InvalidInputError(
        `Row ${row.id} is already reversed by ${formatMinor(-already, currency)}, more than the refunded fraction asks (${formatMinor(-target, currency)}): refunds only grow`,
      )
    }
    const paid = row.payoutId !== null
    const earlier = already === 0 ? '' : `, ${formatMinor(-already, currency)} of it by earlier reversals`
    const explanation = `${paid ? 'Clawback (the row was paid out)' : 'Reversal'}: ${refundText(input.refund)} refunded, so row ${row.id} of ${formatMoney(row.amount)} is reversed by ${formatMinor(-target, currency)} in total${earlier} → ${formatMinor(delta, currency)}`
    out.push({
      partnerId: row.partnerId,
      conversionId: row.conversionId,
      kind: paid ? 'clawback' : 'reversal',
      ruleId: row.ruleId,
      level: row.level,
      amount: { amountMinor: delta, currency: row.amount.currency },
      status: paid ? 'approved' : row.status,
      payoutId: null,
      reversesRowId: row.id,
      explanation,
    })
  }
  return out
}
