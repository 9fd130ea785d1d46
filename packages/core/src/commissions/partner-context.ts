import { InvalidInputError } from '../errors.ts'
import type { CommissionInput, CommissionPartner } from './types.ts'

/** The partner's context from the input map, or undefined when the caller left it out. */
export function findPartner(
  partners: CommissionInput['partners'],
  partnerId: string,
): CommissionPartner | undefined {
  return Object.hasOwn(partners, partnerId) ? partners[partnerId] : undefined
}

/** A missing partner is the caller's bug, reported clearly. */
export function missingPartner(partnerId: string, role: string): InvalidInputError {
  return new InvalidInputError(`Partner ${partnerId} (${role}) is missing from partners`)
}

/** The partner's context from the input map; throws when it is missing. */
export function partnerContext(
  partners: CommissionInput['partners'],
  partnerId: string,
  role: string,
): CommissionPartner {
  const partner = findPartner(partners, partnerId)
  if (!partner) throw missingPartner(partnerId, role)
  return partner
}
