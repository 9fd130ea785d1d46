import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { partnersListInput, partnersListOutput } from '../schemas/admin.ts'

export async function listPartners(
  _stores: Stores,
  _params: z.output<typeof partnersListInput> & { today: Date },
): Promise<z.output<typeof partnersListOutput>> {
  throw new Error('not implemented yet')
}
