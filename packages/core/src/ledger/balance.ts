import type { Money } from '../money/money.ts'
import type { LedgerRow } from './types.ts'

/** Sum of the given rows, one Money per currency (sorted by code). Filter the rows first. */
export function balance(rows: readonly Pick<LedgerRow, 'amount'>[]): Money[] {
  throw new Error(`balance: not implemented yet (${rows.length})`)
}
