import type { AttributionPartner } from '../attribution/types.ts'
import type { CommissionPartner, PeriodVolume } from '../commissions/types.ts'
import type { PayoutMethod, PayoutPartner } from '../payouts/types.ts'
import type { PartnerStatus } from '../shared/partner.ts'
import { assertId } from '../shared/validate.ts'

/**
 * Everything core needs to know about a partner in a program, in one shape. attribute(),
 * computeCommissions() and planPayouts() each read a part of it: attributionPartners(),
 * commissionPartners() and payoutPartners() build their maps, so no caller re-implements them.
 */
export interface ProgramPartner {
  readonly id: string
  /** Shown in explanations instead of the id. */
  readonly name?: string | null
  readonly status: PartnerStatus
  readonly groupId?: string | null
  /** The direct parent for multi-level rules (its parent, and so on, form the chain). */
  readonly parentId?: string | null
  /** Hashes of the partner's own emails and recent IPs, to detect self-referral. */
  readonly emailHashes?: readonly string[]
  readonly ipHashes?: readonly string[]
  readonly payoutMethod?: PayoutMethod | null
  readonly flagged?: boolean
  readonly holdReason?: string | null
}

/** At most this many parents above a partner: deeper chains (or a cycle in the data) stop here. */
const MAX_LEVELS = 10

function byId(partners: readonly ProgramPartner[]): Map<string, ProgramPartner> {
  const map = new Map<string, ProgramPartner>()
  for (const partner of partners) map.set(assertId(partner.id, 'partner id'), partner)
  return map
}

/** The map attribute() takes. */
export function attributionPartners(partners: readonly ProgramPartner[]): Record<string, AttributionPartner> {
  const out: Record<string, AttributionPartner> = {}
  for (const partner of byId(partners).values()) {
    out[partner.id] = {
      name: partner.name ?? null,
      status: partner.status,
      emailHashes: partner.emailHashes ?? [],
      ipHashes: partner.ipHashes ?? [],
    }
  }
  return out
}

/**
 * The map computeCommissions() takes: each partner with its parent chain (from parentId) and
 * its period volume before this conversion (`periodOf`, e.g. a PeriodVolumeBook's or one
 * loaded from the database).
 */
export function commissionPartners(
  partners: readonly ProgramPartner[],
  periodOf?: (partnerId: string) => PeriodVolume | undefined,
): Record<string, CommissionPartner> {
  const map = byId(partners)
  const out: Record<string, CommissionPartner> = {}
  for (const partner of map.values()) {
    const period = periodOf?.(partner.id)
    out[partner.id] = {
      name: partner.name ?? null,
      status: partner.status,
      groupId: partner.groupId ?? null,
      parentIds: parentChain(map, partner.id),
      ...(period ? { period } : {}),
    }
  }
  return out
}

/** The map planPayouts() takes. */
export function payoutPartners(partners: readonly ProgramPartner[]): Record<string, PayoutPartner> {
  const out: Record<string, PayoutPartner> = {}
  for (const partner of byId(partners).values()) {
    out[partner.id] = {
      status: partner.status,
      payoutMethod: partner.payoutMethod ?? null,
      flagged: partner.flagged ?? false,
      holdReason: partner.holdReason ?? null,
    }
  }
  return out
}

/**
 * The parents above a partner, nearest first, following parentId. Stops at a partner missing
 * from the map, at a cycle, and after 10 levels.
 */
export function parentChain(partners: ReadonlyMap<string, ProgramPartner>, partnerId: string): string[] {
  const chain: string[] = []
  let next = partners.get(partnerId)?.parentId ?? null
  while (next && next !== partnerId && !chain.includes(next) && chain.length < MAX_LEVELS) {
    chain.push(next)
    next = partners.get(next)?.parentId ?? null
  }
  return chain
}
