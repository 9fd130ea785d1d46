import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/** Partners' display names by id (ids that do not exist are absent). */
export async function partnerNamesByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('partners')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** A program's groups, by name. */
export async function listProgramGroups(
  db: Kysely<Database>,
  programId: string,
): Promise<{ id: string; slug: string; name: string; members: number }[]> {
  const rows = await db
    .selectFrom('partner_groups as g')
    .leftJoin('program_enrollments as e', (j) =>
      j.onRef('e.group_id', '=', 'g.id').onRef('e.program_id', '=', 'g.program_id'),
    )
    .select((eb) => ['g.id', 'g.slug', 'g.name', eb.fn.count<number>('e.partner_id').as('members')])
    .where('g.program_id', '=', programId)
    .groupBy(['g.id', 'g.slug', 'g.name'])
    .orderBy('g.name')
    .execute()
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, members: Number(r.members) }))
}

/**
 * Serializes the first-owner setup (one transaction at a time) and says whether any admin user
 * exists: the setup is only open on an install with none.
 */
export async function lockAdminUsersForSetup(trx: Kysely<Database>): Promise<{ admins: number }> {
  await sql`select pg_advisory_xact_lock(hashtext('tandem:first-owner-setup'))`.execute(trx)
  const row = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'admin')
    .executeTakeFirst()
  return { admins: Number(row?.n ?? 0) }
}

/** Whether the install has an admin user yet (the admin portal offers the first-owner setup until then). */
export async function hasAdminUser(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('kind', '=', 'admin')
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Links' codes by id (for report labels). */
export async function linkCodesByIds(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('links')
    .select(['id', 'code'])
    .where('id', 'in', [...ids])
    .execute()
  return new Map(rows.map((r) => [r.id, r.code]))
}
