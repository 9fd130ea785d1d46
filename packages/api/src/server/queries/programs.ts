import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { programsListOutput } from '../schemas/admin.ts'

export async function listPrograms(
  _stores: Stores,
  _params: Record<string, never>,
): Promise<z.output<typeof programsListOutput>> {
  throw new Error('not implemented yet')
}
