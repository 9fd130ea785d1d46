import { type RawBuilder, sql } from 'kysely'
import { z } from 'zod'
import { badRequest } from '../errors.ts'

/**
 * Keyset cursors: the sort key of the last row of a page, as base64url JSON. Opaque to clients,
 * parsed with zod when it comes back (a tampered cursor is a 400, not a 500).
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor<T extends z.ZodTuple>(
  cursor: string | null | undefined,
  shape: T,
): z.output<T> | null {
  if (cursor === null || cursor === undefined || cursor === '') return null
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
    if (parsed.success) return parsed.data
  } catch {
    // fall through
  }
  throw badRequest('The page cursor is not valid: start from the first page')
}

/** Instant + id, the key of lists sorted newest first. */
export const timeIdCursor = z.tuple([z.iso.datetime(), z.uuid()])
/** Text + id, the key of lists sorted by name. */
export const textIdCursor = z.tuple([z.string(), z.uuid()])

/** Takes limit + 1 rows' worth of results and splits off the next cursor. */
export function paginate<Row, Item>(
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => (string | number)[],
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  }
}

/** A timestamptz column as ISO text with microseconds: a JS Date would drop them and skip rows. */
export function cursorInstant(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
}
