/**
 * A partner's standing in a program. Only 'active' partners earn anything; 'pending'
 * (application not approved yet), 'suspended', 'rejected' and 'deactivated' partners earn nothing.
 */
export type PartnerStatus = 'active' | 'pending' | 'suspended' | 'rejected' | 'deactivated'

export function isEarningStatus(status: PartnerStatus): boolean {
  return status === 'active'
}
