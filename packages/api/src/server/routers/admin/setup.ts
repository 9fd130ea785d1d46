import { hasAdminUser } from '@tandem/db'
import { createFirstOwner, createFirstOwnerInput } from '@tandem/services'
import { z } from 'zod'
import { forbidden } from '../../errors.ts'
import { publicProcedure } from '../../procedures.ts'
import { router } from '../../trpc.ts'

/**
 * A fresh install (TANDEM_SEED=none) has no user: the admin portal's first visitor creates the
 * owner account, once. After that both procedures answer "already set up".
 */
export const setupRouter = router({
  status: publicProcedure.output(z.object({ needsOwner: z.boolean() })).query(async ({ ctx }) => ({
    needsOwner: ctx.portal === 'admin' && !(await hasAdminUser(ctx.stores.db)),
  })),

  createOwner: publicProcedure
    .input(createFirstOwnerInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (ctx.portal !== 'admin') throw forbidden('The owner is created on the admin portal')
      await createFirstOwner(
        { db: ctx.stores.db, now: () => ctx.auth.now(), actor: { type: 'system', id: 'setup' } },
        input,
      )
      return { ok: true as const }
    }),
})
