import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A program's id and slug by either; null when there is none (or the id is not a uuid). */
export async function findProgramRef(
  db: Kysely<Database>,
  ref: { id: string } | { slug: string },
): Promise<{ id: string; slug: string } | null> {
  if ('id' in ref && !UUID.test(ref.id)) return null
  const q = db.selectFrom('programs').select(['id', 'slug'])
  const row = await ('id' in ref
    ? q.where('id', '=', ref.id)
    : q.where('slug', '=', ref.slug)
  ).executeTakeFirst()
  return row ?? null
}

/** Whether the partner is enrolled in the program (in any status). */
export async function isEnrolled(
  db: Kysely<Database>,
  programId: string,
  partnerId: string,
): Promise<boolean> {
  if (!UUID.test(partnerId)) return false
  const row = await db
    .selectFrom('program_enrollments')
    .select('partner_id')
    .where('program_id', '=', programId)
    .where('partner_id', '=', partnerId)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * What a ready-to-run demo postback needs: the program's postback token and one active coupon
 * (so the conversion is attributed to a partner). Printed by the embedded launcher in demo mode.
 */
export async function findDemoPostbackExample(
  db: Kysely<Database>,
  programId: string,
): Promise<{ token: string; coupon: string | null } | null> {
  const program = await db
    .selectFrom('programs')
    .select('postback_token')
    .where('id', '=', programId)
    .executeTakeFirst()
  if (!program) return null
  const coupon = await db
    .selectFrom('coupons')
    .select('code')
    .where('program_id', '=', programId)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst()
  return { token: program.postback_token, coupon: coupon?.code ?? null }
}
