import { listConversions } from '@tandem/db'
import { decodeCursor, timeIdCursor, withNextCursor } from '../../page-cursor.ts'
import { adminProcedure } from '../../procedures.ts'
import { conversionsListInput, conversionsListOutput } from '../../schemas/admin.ts'
import { router } from '../../trpc.ts'

export const conversionsRouter = router({
  list: adminProcedure
    .input(conversionsListInput)
    .output(conversionsListOutput)
    .query(async ({ ctx, input }) =>
      withNextCursor(
        await listConversions(ctx.stores.db, { ...input, after: decodeCursor(input.cursor, timeIdCursor) }),
      ),
    ),
})
