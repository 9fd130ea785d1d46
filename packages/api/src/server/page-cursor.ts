import type { KeysetKey } from '@tandem/db'
import { z } from 'zod'
import { badRequest } from './errors.ts'
import { FIRST_DAY, INVALID_CURSOR, isStorableText, LAST_DAY } from './schemas/common.ts'

/**
 * Page cursors as clients see them: the sort key of a page's last row (a list's nextKey in
 * @tandem/db) as base64url JSON. Opaque to clients, parsed with zod when it comes back (a
 * tampered cursor is a 400, not a 500), so the repositories only ever get well-formed keys.
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
  throw badRequest(INVALID_CURSOR)
}

/** An instant in a cursor: ISO 8601 UTC within the days the stores hold (no year 0000 or 9999). */
const cursorInstant = z.iso
  .datetime()
  .refine((v) => v.slice(0, 10) >= FIRST_DAY && v.slice(0, 10) <= LAST_DAY)
/** Text in a cursor: a value read back from Postgres, so never NUL or a lone surrogate. */
const cursorText = z.string().max(1_000).refine(isStorableText)

/** Instant + id, the key of lists sorted newest first. */
export const timeIdCursor = z.tuple([cursorInstant, z.uuid()])
/** Text + id, the key of lists sorted by name. */
export const textIdCursor = z.tuple([cursorText, z.uuid()])

/** A repository's page with its nextKey turned into the client's nextCursor. */
export function withNextCursor<P extends { nextKey: KeysetKey | null }>(
  page: P,
): Omit<P, 'nextKey'> & { nextCursor: string | null } {
  const { nextKey, ...rest } = page
  return { ...rest, nextCursor: nextKey ? encodeCursor(nextKey) : null }
}
