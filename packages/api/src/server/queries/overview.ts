import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { overviewSummaryInput, overviewSummaryOutput } from '../schemas/admin.ts'

export async function overviewSummary(
  _stores: Stores,
  _params: z.output<typeof overviewSummaryInput>,
): Promise<z.output<typeof overviewSummaryOutput>> {
  throw new Error('not implemented yet')
}
