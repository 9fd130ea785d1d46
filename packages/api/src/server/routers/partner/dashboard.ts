import { partnerDashboardSummary } from '@tandem/db'
import { partnerProcedure } from '../../procedures.ts'
import { dashboardSummaryInput, dashboardSummaryOutput } from '../../schemas/partner.ts'
import { router } from '../../trpc.ts'

export const dashboardRouter = router({
  summary: partnerProcedure
    .input(dashboardSummaryInput)
    .output(dashboardSummaryOutput)
    .query(({ ctx, input }) =>
      partnerDashboardSummary(ctx.stores.db, ctx.stores.ch, { ...input, partnerId: ctx.partnerId }),
    ),
})
