import { partnerProcedure } from '../../procedures.ts'
import { partnerDashboardSummary } from '../../queries/partner-dashboard.ts'
import { dashboardSummaryInput, dashboardSummaryOutput } from '../../schemas/partner.ts'
import { router } from '../../trpc.ts'

export const dashboardRouter = router({
  summary: partnerProcedure
    .input(dashboardSummaryInput)
    .output(dashboardSummaryOutput)
    .query(({ ctx, input }) => partnerDashboardSummary(ctx.stores, { ...input, partnerId: ctx.partnerId })),
})
