import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface ProgramSummary {
  id: string
  slug: string
  name: string
  kind: 'affiliate' | 'referral'
  currency: string
  status: 'active' | 'paused' | 'archived'
}

/** Every program, active first, then by name. */
export async function listPrograms(db: Kysely<Database>): Promise<ProgramSummary[]> {
  const rows = await db
    .selectFrom('programs')
    .select(['id', 'slug', 'name', 'kind', 'currency', 'status'])
    .orderBy((eb) => eb.case().when('status', '=', 'active').then(0).else(1).end())
    .orderBy('name')
    .execute()
  return rows.map((r) => ({ ...r, currency: r.currency.trim() }))
}

/** A program's currency code, or undefined when there is no such program. */
export async function findProgramCurrency(
  db: Kysely<Database>,
  programId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('programs')
    .select('currency')
    .where('id', '=', programId)
    .executeTakeFirst()
  return row?.currency
}
