import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export async function insertApiKey(
  trx: Kysely<Database>,
  k: { programId: string; name: string; prefix: string; keyHash: string; scopes: string[]; now: Date },
): Promise<{ id: string }> {
  return trx
    .insertInto('api_keys')
    .values({
      program_id: k.programId,
      name: k.name,
      prefix: k.prefix,
      key_hash: k.keyHash,
      scopes: k.scopes,
      created_at: k.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** A live (not revoked) key by its public prefix. */
export async function findLiveApiKey(db: Kysely<Database>, prefix: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'program_id', 'key_hash', 'scopes', 'last_used_at'])
    .where('prefix', '=', prefix)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

export async function revokeApiKeyRow(
  trx: Kysely<Database>,
  id: string,
  now: Date,
): Promise<{ program_id: string } | undefined> {
  return trx
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('program_id')
    .executeTakeFirst()
}

/**
 * Records a key's use. Only when the stored time is older than a minute: a busy integration
 * does not turn every conversion into a write on the same row.
 */
export async function touchApiKey(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]),
    )
    .execute()
}
