import { adminProcedure } from '../../procedures.ts'
import { listConversions } from '../../queries/conversions.ts'
import { conversionsListInput, conversionsListOutput } from '../../schemas/admin.ts'
import { router } from '../../trpc.ts'

export const conversionsRouter = router({
  list: adminProcedure
    .input(conversionsListInput)
    .output(conversionsListOutput)
    .query(({ ctx, input }) => listConversions(ctx.stores, input)),
})
