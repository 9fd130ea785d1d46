import { listPartnerLinks } from '@tandem/db'
import { partnerProcedure } from '../../procedures.ts'
import { partnerLinksOutput } from '../../schemas/partner.ts'
import { router } from '../../trpc.ts'

export const linksRouter = router({
  list: partnerProcedure.output(partnerLinksOutput).query(({ ctx }) =>
    listPartnerLinks(ctx.stores.db, ctx.stores.ch, {
      partnerId: ctx.partnerId,
      trackerUrl: ctx.trackerUrl,
      today: ctx.auth.now(),
    }),
  ),
})
