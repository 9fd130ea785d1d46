import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import { couponDiscountSchema, type partnerCouponsOutput } from '../schemas/partner.ts'

/** The partner's coupon codes. */
export async function listPartnerCoupons(
  stores: Stores,
  p: { partnerId: string },
): Promise<z.output<typeof partnerCouponsOutput>> {
  const rows = await stores.db
    .selectFrom('coupons as k')
    .innerJoin('programs as g', 'g.id', 'k.program_id')
    .select(['k.id', 'k.code', 'k.program_id', 'g.name as program_name', 'k.discount', 'k.status'])
    .where('k.partner_id', '=', p.partnerId)
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id', 'desc')
    .execute()
  return rows.map((r) => {
    // discount is informational JSON: shown when it has a known shape, else left out.
    const discount = couponDiscountSchema.safeParse(r.discount)
    return {
      id: r.id,
      code: r.code,
      programId: r.program_id,
      programName: r.program_name,
      discount: discount.success ? discount.data : null,
      status: r.status,
    }
  })
}
