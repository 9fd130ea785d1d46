import { partnerProcedure } from '../../procedures.ts'
import { listPartnerCoupons } from '../../queries/partner-coupons.ts'
import { partnerCouponsOutput } from '../../schemas/partner.ts'
import { router } from '../../trpc.ts'

export const couponsRouter = router({
  list: partnerProcedure
    .output(partnerCouponsOutput)
    .query(({ ctx }) => listPartnerCoupons(ctx.stores, { partnerId: ctx.partnerId })),
})
