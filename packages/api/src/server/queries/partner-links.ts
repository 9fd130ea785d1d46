import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { partnerLinksOutput } from '../schemas/partner.ts'

export async function listPartnerLinks(
  _stores: Stores,
  _params: { partnerId: string; trackerUrl: string; today: Date },
): Promise<z.output<typeof partnerLinksOutput>> {
  throw new Error('not implemented yet')
}
