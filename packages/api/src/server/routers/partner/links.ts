import { partnerProcedure } from '../../procedures.ts'
import { listPartnerLinks } from '../../queries/partner-links.ts'
import { partnerLinksOutput } from '../../schemas/partner.ts'
import { router } from '../../trpc.ts'

export const linksRouter = router({
  list: partnerProcedure.output(partnerLinksOutput).query(({ ctx }) =>
    listPartnerLinks(ctx.stores, {
      partnerId: ctx.partnerId,
      trackerUrl: ctx.trackerUrl,
      today: ctx.auth.now(),
    }),
  ),
})
