/** The currency with the highest count over the rows (ties: alphabetical), or null when there are none. */
export function mostCommonCurrency(rows: readonly { currency: string; count: number }[]): string | null {
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.currency, (counts.get(r.currency) ?? 0) + r.count)
  let best: string | null = null
  for (const [currency, n] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (best === null || n > (counts.get(best) ?? 0)) best = currency
  }
  return best
}
