import { listPartners } from '@tandem/db'
import { setEnrollmentStatus } from '@tandem/services'
import { decodeCursor, textIdCursor, withNextCursor } from '../../page-cursor.ts'
import { adminProcedure, managerProcedure } from '../../procedures.ts'
import {
  partnersListInput,
  partnersListOutput,
  setEnrollmentStatusInput,
  setEnrollmentStatusOutput,
} from '../../schemas/admin.ts'
import { adminServiceContext } from '../../service-context.ts'
import { router } from '../../trpc.ts'

export const partnersRouter = router({
  list: adminProcedure
    .input(partnersListInput)
    .output(partnersListOutput)
    .query(async ({ ctx, input }) =>
      withNextCursor(
        await listPartners(ctx.stores.db, ctx.stores.ch, {
          ...input,
          today: ctx.auth.now(),
          after: decodeCursor(input.cursor, textIdCursor),
        }),
      ),
    ),

  /** Approve, reject or suspend a partner in a program (manager). */
  setEnrollmentStatus: managerProcedure
    .input(setEnrollmentStatusInput)
    .output(setEnrollmentStatusOutput)
    .mutation(async ({ ctx, input }) => {
      await setEnrollmentStatus(adminServiceContext(ctx, ctx.user.id), input)
      return { ok: true as const, status: input.status }
    }),
})
