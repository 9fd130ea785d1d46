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
