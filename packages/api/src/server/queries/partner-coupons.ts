import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { partnerCouponsOutput } from '../schemas/partner.ts'

export async function listPartnerCoupons(
  _stores: Stores,
  _params: { partnerId: string },
): Promise<z.output<typeof partnerCouponsOutput>> {
  throw new Error('not implemented yet')
}
