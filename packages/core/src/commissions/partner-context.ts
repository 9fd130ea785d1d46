import { InvalidInputError } from '../errors.ts'
import type { CommissionInput, CommissionPartner } from './types.ts'

/** The partner's context from the input map; a missing partner is the caller's bug, reported clearly. */
export function partnerContext(
  partners: CommissionInput['partners'],
  partnerId: string,
  role: string,
): CommissionPartner {
  const partner = Object.hasOwn(partners, partnerId) ? partners[partnerId] : undefined
  if (!partner) throw new InvalidInputError(`Partner ${partnerId} (${role}) is missing from partners`)
  return partner
}
