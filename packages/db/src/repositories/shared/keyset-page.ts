import { type RawBuilder, sql } from 'kysely'

/**
 * Keyset paging: a list reads limit + 1 rows after the sort key of the previous page's last row.
 * The key travels as plain strings; turning it into an opaque cursor is the API's business.
 */
export type KeysetKey = readonly [string, string]

export interface KeysetPage<Item> {
  items: Item[]
  /** Sort key of this page's last row when more rows follow, else null. */
  nextKey: KeysetKey | null
}

/** Splits limit + 1 rows into a page and the key to continue after. */
export function keysetPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => KeysetKey,
  toItem: (row: Row) => Item,
): KeysetPage<Item> {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    items: page.map(toItem),
    nextKey: rows.length > limit && last !== undefined ? keyOf(last) : null,
  }
}

/** A timestamptz column as ISO text with microseconds: a JS Date would drop them and skip rows. */
export function cursorInstant(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
}
