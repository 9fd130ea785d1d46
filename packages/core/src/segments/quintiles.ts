/**
 * Quintile scores 1–5 by mid-rank: a value's score depends on how many values are below it
 * plus half of its ties, so equal values always get the same score and all-equal values
 * land in the middle (3) instead of the bottom.
 */
export function quintiles(values: readonly number[]): number[] {
  const n = values.length
  const sorted = [...values].sort((a, b) => a - b)
  const scoreOf = new Map<number, number>()
  let i = 0
  while (i < n) {
    let j = i
    while (j < n && sorted[j] === sorted[i]) j++
    const midRank = i + (j - i - 1) / 2 // 0-based
    // The centre of the value's rank interval, as a fraction of n, into five equal bands.
    scoreOf.set(sorted[i]!, Math.min(5, 1 + Math.floor((5 * (midRank + 0.5)) / n)))
    i = j
  }
  return values.map((value) => scoreOf.get(value) ?? 1)
}
