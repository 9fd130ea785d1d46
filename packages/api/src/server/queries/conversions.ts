import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { conversionsListInput, conversionsListOutput } from '../schemas/admin.ts'

export async function listConversions(
  _stores: Stores,
  _params: z.output<typeof conversionsListInput>,
): Promise<z.output<typeof conversionsListOutput>> {
  throw new Error('not implemented yet')
}
