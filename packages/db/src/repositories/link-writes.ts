import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/** Creates a link; null when the code is taken (codes are unique across programs). */
export async function insertLink(
  trx: Kysely<Database>,
  l: {
    programId: string
    partnerId: string
    code: string
    name: string | null
    destinationUrl: string
    /** Sub-ids and UTM fields its tracking URL carries. */
    params?: Record<string, string>
    now: Date
  },
): Promise<{ id: number } | null> {
  const row = await trx
    .insertInto('links')
    .values({
      program_id: l.programId,
      partner_id: l.partnerId,
      code: l.code,
      name: l.name,
      destination_url: l.destinationUrl,
      params: JSON.stringify(l.params ?? {}),
      created_at: l.now,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ?? null
}

export async function lockLink(trx: Kysely<Database>, id: number) {
  return trx
    .selectFrom('links')
    .select(['id', 'program_id', 'partner_id', 'code', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function setLinkStatusRow(trx: Kysely<Database>, id: number, status: 'active' | 'paused') {
  await trx.updateTable('links').set({ status }).where('id', '=', id).execute()
}

/** Creates a coupon; null when the program has that code already (case-insensitive). */
export async function insertCoupon(
  trx: Kysely<Database>,
  c: {
    programId: string
    partnerId: string
    code: string
    discount: Record<string, unknown> | null
    now: Date
  },
): Promise<{ id: string } | null> {
  const row = await trx
    .insertInto('coupons')
    .values({
      program_id: c.programId,
      partner_id: c.partnerId,
      code: c.code,
      discount: c.discount === null ? null : JSON.stringify(c.discount),
      created_at: c.now,
    })
    .onConflict((oc) => oc.expression(sql`program_id, upper(code)`).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ?? null
}

export async function lockCoupon(trx: Kysely<Database>, id: string) {
  return trx
    .selectFrom('coupons')
    .select(['id', 'program_id', 'partner_id', 'code', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function setCouponStatusRow(trx: Kysely<Database>, id: string, status: 'active' | 'paused') {
  await trx.updateTable('coupons').set({ status }).where('id', '=', id).execute()
}

/** A program's fields that decide where its links may point, and whether a partner is approved in it. */
export async function linkPolicy(db: Kysely<Database>, programId: string, partnerId: string) {
  return db
    .selectFrom('programs')
    .leftJoin('program_enrollments as e', (j) =>
      j.onRef('e.program_id', '=', 'programs.id').on('e.partner_id', '=', partnerId),
    )
    .select([
      'programs.id',
      'programs.status',
      'programs.allowed_domains',
      'programs.deep_link_subdomains',
      'programs.default_landing_url',
      'e.status as enrollment_status',
    ])
    .where('programs.id', '=', programId)
    .executeTakeFirst()
}
