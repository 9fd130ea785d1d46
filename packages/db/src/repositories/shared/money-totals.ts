import { addMoney, type Money } from '@tandem/core'

/**
 * Per-currency totals as the portals show them: one entry per currency (sorted by code), adding
 * with core's addMoney so a total can never mix currencies or leave the safe integer range.
 * Currency codes are trimmed: Postgres char(3) columns may come back padded.
 */
export function moneyList(rows: readonly { currency: string; amountMinor: number }[]): Money[] {
  const totals = new Map<string, Money>()
  for (const r of rows) {
    const m = { amountMinor: r.amountMinor, currency: r.currency.trim() }
    const prev = totals.get(m.currency)
    totals.set(m.currency, prev ? addMoney(prev, m) : m)
  }
  return [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))
}
