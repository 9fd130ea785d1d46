import { listPrograms } from '@tandem/db'
import { adminProcedure } from '../../procedures.ts'
import { programsListOutput } from '../../schemas/admin.ts'
import { router } from '../../trpc.ts'

export const programsRouter = router({
  list: adminProcedure.output(programsListOutput).query(({ ctx }) => listPrograms(ctx.stores.db)),
})
