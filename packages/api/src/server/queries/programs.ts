import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { programsListOutput } from '../schemas/admin.ts'

/** Every program, active first, then by name. */
export async function listPrograms(stores: Stores): Promise<z.output<typeof programsListOutput>> {
  const rows = await stores.db
    .selectFrom('programs')
    .select(['id', 'slug', 'name', 'kind', 'currency', 'status'])
    .orderBy((eb) => eb.case().when('status', '=', 'active').then(0).else(1).end())
    .orderBy('name')
    .execute()
  return rows.map((r) => ({ ...r, currency: r.currency.trim() }))
}
