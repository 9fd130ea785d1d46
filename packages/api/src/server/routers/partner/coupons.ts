import { listPartnerCoupons } from '@tandem/db'
import { partnerProcedure } from '../../procedures.ts'
import { couponDiscountSchema, partnerCouponsOutput } from '../../schemas/partner.ts'
import { router } from '../../trpc.ts'

export const couponsRouter = router({
  list: partnerProcedure.output(partnerCouponsOutput).query(async ({ ctx }) => {
    const coupons = await listPartnerCoupons(ctx.stores.db, ctx.partnerId)
    return coupons.map((c) => {
      // discount is informational JSON: shown when it has a known shape, else left out.
      const discount = couponDiscountSchema.safeParse(c.discount)
      return { ...c, discount: discount.success ? discount.data : null }
    })
  }),
})
