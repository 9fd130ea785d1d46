import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import type { Database, EnrollmentStatus, PartnersTable } from '../postgres/schema.ts'

/** Creates a partner; null when the email is taken (unique on lower(email)). */
export async function insertPartner(
  trx: Kysely<Database>,
  values: Insertable<PartnersTable>,
): Promise<{ id: string } | null> {
  const row = await trx
    .insertInto('partners')
    .values(values)
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ?? null
}

export async function lockPartner(trx: Kysely<Database>, id: string) {
  return trx.selectFrom('partners').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function findPartnerByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('partners')
    .select(['id', 'name', 'email', 'type', 'status'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst()
}

export async function updatePartnerRow(
  trx: Kysely<Database>,
  id: string,
  patch: Updateable<PartnersTable>,
): Promise<void> {
  await trx.updateTable('partners').set(patch).where('id', '=', id).execute()
}

export async function lockEnrollment(trx: Kysely<Database>, programId: string, partnerId: string) {
  return trx
    .selectFrom('program_enrollments')
    .selectAll()
    .where('program_id', '=', programId)
    .where('partner_id', '=', partnerId)
    .forUpdate()
    .executeTakeFirst()
}

/** Enrolls a partner in a program; false when the enrollment exists already. */
export async function insertEnrollment(
  trx: Kysely<Database>,
  e: {
    programId: string
    partnerId: string
    status: EnrollmentStatus
    groupId: string | null
    decidedAt: Date | null
    now: Date
  },
): Promise<boolean> {
  const row = await trx
    .insertInto('program_enrollments')
    .values({
      program_id: e.programId,
      partner_id: e.partnerId,
      status: e.status,
      group_id: e.groupId,
      decided_at: e.decidedAt,
      created_at: e.now,
    })
    .onConflict((oc) => oc.columns(['program_id', 'partner_id']).doNothing())
    .returning('partner_id')
    .executeTakeFirst()
  return row !== undefined
}

export async function updateEnrollment(
  trx: Kysely<Database>,
  programId: string,
  partnerId: string,
  patch: { status?: EnrollmentStatus; group_id?: string | null; decided_at?: Date | null },
): Promise<void> {
  await trx
    .updateTable('program_enrollments')
    .set(patch)
    .where('program_id', '=', programId)
    .where('partner_id', '=', partnerId)
    .execute()
}

/** Creates a group; null when the program has one with that slug. */
export async function insertPartnerGroup(
  trx: Kysely<Database>,
  g: { programId: string; slug: string; name: string },
): Promise<{ id: string } | null> {
  const row = await trx
    .insertInto('partner_groups')
    .values({ program_id: g.programId, slug: g.slug, name: g.name })
    .onConflict((oc) => oc.columns(['program_id', 'slug']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ?? null
}

export async function findPartnerGroup(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('partner_groups')
    .select(['id', 'program_id', 'slug', 'name'])
    .where('id', '=', id)
    .executeTakeFirst()
}
