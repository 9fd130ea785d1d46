import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface StoredResponse {
  requestHash: string
  statusCode: number
  response: unknown
}

/** The answer given to an earlier request with this Idempotency-Key, if any. */
export async function findIdempotentResponse(
  db: Kysely<Database>,
  scope: string,
  key: string,
): Promise<StoredResponse | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response', 'status_code'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst()
  return row ? { requestHash: row.request_hash, statusCode: row.status_code, response: row.response } : null
}

/** Keeps the answer for the key; the first answer stored wins (a concurrent twin changes nothing). */
export async function saveIdempotentResponse(
  db: Kysely<Database>,
  r: { scope: string; key: string; requestHash: string; statusCode: number; response: unknown },
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({
      scope: r.scope,
      key: r.key,
      request_hash: r.requestHash,
      response: JSON.stringify(r.response),
      status_code: r.statusCode,
    })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .execute()
}
