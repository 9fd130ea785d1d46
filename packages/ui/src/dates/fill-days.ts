import { type DateRange, listDays } from './date-range.ts'

/**
 * One row per day of `range`, in order: days the API left out (no traffic) get `empty(day)`,
 * so a chart shows a flat zero instead of joining distant points. Rows outside the range are dropped.
 */
export function fillDays<Row extends { readonly day: string }>(
  range: DateRange,
  rows: readonly Row[],
  empty: (day: string) => Row,
): Row[] {
  const byDay = new Map(rows.map((row) => [row.day, row]))
  return listDays(range).map((day) => byDay.get(day) ?? empty(day))
}
