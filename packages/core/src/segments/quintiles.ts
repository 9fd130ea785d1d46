/**
 * Quintile scores 1–5 by comparison with the values that differ. With `below` values lower
 * and `above` values higher than a value, its score is 1 + ⌊5 × below / (below + above)⌋, at
 * most 5. Ties count as neither better nor worse, so:
 * - equal values get the same score, and a larger value never scores lower;
 * - the lowest value scores 1 and the highest 5, however many customers share it (eight
 *   one-time buyers among ten customers score F = 1: nobody buys less often);
 * - when every value is equal there is nothing to compare, and everyone scores 3.
 */
export function quintiles(values: readonly number[]): number[] {
  const n = values.length
  const sorted = [...values].sort((a, b) => a - b)
  const scoreOf = new Map<number, number>()
  let i = 0
  while (i < n) {
    let j = i
    while (j < n && sorted[j] === sorted[i]) j++
    const below = i
    const above = n - j
    scoreOf.set(
      sorted[i]!,
      below + above === 0 ? 3 : Math.min(5, 1 + Math.floor((5 * below) / (below + above))),
    )
    i = j
  }
  return values.map((value) => scoreOf.get(value) ?? 1)
}
