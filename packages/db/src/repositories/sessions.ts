import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/** Deletes sessions past their expiry; returns how many. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
  return Number(r.numDeletedRows)
}
