import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { dashboardSummaryInput, dashboardSummaryOutput } from '../schemas/partner.ts'

export async function partnerDashboardSummary(
  _stores: Stores,
  _params: z.output<typeof dashboardSummaryInput> & { partnerId: string },
): Promise<z.output<typeof dashboardSummaryOutput>> {
  throw new Error('not implemented yet')
}
