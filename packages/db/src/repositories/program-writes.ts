import type { Insertable, Kysely, Updateable } from 'kysely'
import type { Database, ProgramsTable } from '../postgres/schema.ts'

/** Creates a program; null when the slug is taken (the unique index decides). */
export async function insertProgram(
  trx: Kysely<Database>,
  values: Insertable<ProgramsTable>,
): Promise<{ id: string } | null> {
  const row = await trx
    .insertInto('programs')
    .values(values)
    .onConflict((oc) => oc.column('slug').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ?? null
}

/** The program row, locked for the caller's transaction (changes to one program are serialized). */
export async function lockProgram(trx: Kysely<Database>, id: string) {
  const row = await trx.selectFrom('programs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  return row ? { ...row, currency: row.currency.trim() } : undefined
}

export async function updateProgramRow(
  trx: Kysely<Database>,
  id: string,
  patch: Updateable<ProgramsTable>,
): Promise<void> {
  await trx.updateTable('programs').set(patch).where('id', '=', id).execute()
}
