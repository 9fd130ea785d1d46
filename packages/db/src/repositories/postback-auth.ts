import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/**
 * Records a signed postback's signature; false when it was used before and has not expired (a
 * replay). One INSERT decides, so two replicas receiving the same capture at once cannot both
 * accept it. Expired signatures of the program are cleared on the way.
 */
export async function claimPostbackSignature(
  db: Kysely<Database>,
  s: { programId: string; signature: string; expiresAt: Date; now: Date },
): Promise<boolean> {
  await db
    .deleteFrom('postback_signatures')
    .where('program_id', '=', s.programId)
    .where('expires_at', '<=', s.now)
    .execute()
  const row = await db
    .insertInto('postback_signatures')
    .values({ program_id: s.programId, signature: s.signature, expires_at: s.expiresAt })
    .onConflict((oc) => oc.columns(['program_id', 'signature']).doNothing())
    .returning('signature')
    .executeTakeFirst()
  return row !== undefined
}

/** Gives a signature back when its request failed before writing anything (it may be retried). */
export async function releasePostbackSignature(db: Kysely<Database>, programId: string, signature: string) {
  await db
    .deleteFrom('postback_signatures')
    .where('program_id', '=', programId)
    .where('signature', '=', signature)
    .execute()
}

/**
 * Ids of the programs whose postback token is `token`: the current one, or the previous one while
 * its grace period after a rotation lasts (a token belongs to one program).
 */
export async function programIdsByPostbackToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('programs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('postback_token', '=', token),
        eb.and([eb('postback_token_previous', '=', token), eb('postback_previous_expires_at', '>', now)]),
      ]),
    )
    .limit(2)
    .execute()
  return rows.map((r) => r.id)
}
