import { overviewSummary } from '@tandem/db'
import { notFound } from '../../errors.ts'
import { adminProcedure } from '../../procedures.ts'
import { overviewSummaryInput, overviewSummaryOutput } from '../../schemas/admin.ts'
import { router } from '../../trpc.ts'

export const overviewRouter = router({
  summary: adminProcedure
    .input(overviewSummaryInput)
    .output(overviewSummaryOutput)
    .query(async ({ ctx, input }) => {
      const summary = await overviewSummary(ctx.stores.db, ctx.stores.ch, input)
      if (!summary) throw notFound('Program not found')
      return summary
    }),
})
