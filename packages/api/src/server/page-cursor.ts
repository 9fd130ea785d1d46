import type { KeysetKey } from '@tandem/db'
import { z } from 'zod'
import { badRequest } from './errors.ts'

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
  throw badRequest('The page cursor is not valid: start from the first page')
}

/** Instant + id, the key of lists sorted newest first. */
export const timeIdCursor = z.tuple([z.iso.datetime(), z.uuid()])
/** Text + id, the key of lists sorted by name. */
export const textIdCursor = z.tuple([z.string(), z.uuid()])

/** A repository's page with its nextKey turned into the client's nextCursor. */
export function withNextCursor<P extends { nextKey: KeysetKey | null }>(
  page: P,
): Omit<P, 'nextKey'> & { nextCursor: string | null } {
  const { nextKey, ...rest } = page
  return { ...rest, nextCursor: nextKey ? encodeCursor(nextKey) : null }
}
