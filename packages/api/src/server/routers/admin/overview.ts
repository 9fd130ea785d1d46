import { adminProcedure } from '../../procedures.ts'
import { overviewSummary } from '../../queries/overview.ts'
import { overviewSummaryInput, overviewSummaryOutput } from '../../schemas/admin.ts'
import { router } from '../../trpc.ts'

export const overviewRouter = router({
  summary: adminProcedure
    .input(overviewSummaryInput)
    .output(overviewSummaryOutput)
    .query(({ ctx, input }) => overviewSummary(ctx.stores, input)),
})
