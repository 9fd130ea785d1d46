import { listPartnerConversions } from '@tandem/db'
import { decodeCursor, timeIdCursor, withNextCursor } from '../../page-cursor.ts'
import { partnerProcedure } from '../../procedures.ts'
import { partnerConversionsInput, partnerConversionsOutput } from '../../schemas/partner.ts'
import { router } from '../../trpc.ts'

export const partnerConversionsRouter = router({
  list: partnerProcedure
    .input(partnerConversionsInput)
    .output(partnerConversionsOutput)
    .query(async ({ ctx, input }) =>
      withNextCursor(
        await listPartnerConversions(ctx.stores.db, {
          partnerId: ctx.partnerId,
          limit: input.limit,
          after: decodeCursor(input.cursor, timeIdCursor),
        }),
      ),
    ),
})
