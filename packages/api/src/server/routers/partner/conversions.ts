import { partnerProcedure } from '../../procedures.ts'
import { listPartnerConversions } from '../../queries/partner-conversions.ts'
import { partnerConversionsInput, partnerConversionsOutput } from '../../schemas/partner.ts'
import { router } from '../../trpc.ts'

export const partnerConversionsRouter = router({
  list: partnerProcedure
    .input(partnerConversionsInput)
    .output(partnerConversionsOutput)
    .query(({ ctx, input }) => listPartnerConversions(ctx.stores, { ...input, partnerId: ctx.partnerId })),
})
