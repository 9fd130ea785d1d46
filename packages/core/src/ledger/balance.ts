import { InvalidMoneyError } from '../errors.ts'
import { assertMoney, type Money } from '../money/money.ts'
import type { LedgerRow } from './types.ts'

/**
 * Sum of the given rows, one Money per currency (sorted by code): currencies are never
 * added together. Filter the rows first (a partner, approved and unpaid, …).
 */
export function balance(rows: readonly Pick<LedgerRow, 'amount'>[]): Money[] {
  const totals = new Map<string, number>()
  for (const row of rows) {
    assertMoney(row.amount)
    const next = (totals.get(row.amount.currency) ?? 0) + row.amount.amountMinor
    if (!Number.isSafeInteger(next))
      throw new InvalidMoneyError(`Balance in ${row.amount.currency} overflows`)
    totals.set(row.amount.currency, next)
  }
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, amountMinor]) => ({ amountMinor, currency }))
}
