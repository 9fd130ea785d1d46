import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { partnerConversionsInput, partnerConversionsOutput } from '../schemas/partner.ts'

export async function listPartnerConversions(
  _stores: Stores,
  _params: z.output<typeof partnerConversionsInput> & { partnerId: string },
): Promise<z.output<typeof partnerConversionsOutput>> {
  throw new Error('not implemented yet')
}
