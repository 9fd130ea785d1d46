import type { AttributionPartner, CustomerIdentity } from './types.ts'

export type IdentityMatch = 'email' | 'ip' | null

/** Does the customer look like the partner? An email-hash match is stronger than an IP-hash match. */
export function matchIdentity(
  partner: AttributionPartner,
  customer: CustomerIdentity | undefined,
): IdentityMatch {
  if (!customer) return null
  if (customer.emailHash && partner.emailHashes?.includes(customer.emailHash)) return 'email'
  if (customer.ipHash && partner.ipHashes?.includes(customer.ipHash)) return 'ip'
  return null
}
