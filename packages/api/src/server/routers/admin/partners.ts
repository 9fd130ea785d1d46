import { setEnrollmentStatus } from '../../commands/set-enrollment-status.ts'
import { adminProcedure, managerProcedure } from '../../procedures.ts'
import { listPartners } from '../../queries/partners.ts'
import {
  partnersListInput,
  partnersListOutput,
  setEnrollmentStatusInput,
  setEnrollmentStatusOutput,
} from '../../schemas/admin.ts'
import { router } from '../../trpc.ts'

export const partnersRouter = router({
  list: adminProcedure
    .input(partnersListInput)
    .output(partnersListOutput)
    .query(({ ctx, input }) => listPartners(ctx.stores, { ...input, today: ctx.auth.now() })),

  /** Approve, reject or suspend a partner in a program (manager). */
  setEnrollmentStatus: managerProcedure
    .input(setEnrollmentStatusInput)
    .output(setEnrollmentStatusOutput)
    .mutation(({ ctx, input }) =>
      setEnrollmentStatus(ctx.stores, { ...input, actorUserId: ctx.user.id, now: ctx.auth.now() }),
    ),
})
