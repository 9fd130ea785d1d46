export interface ViralInput {
  /** Invitations sent in the period. */
  readonly invitations: number
  /** Customers who sent at least one invitation in the period. */
  readonly ambassadors: number
  /** Invitations that turned into a (qualified) customer. */
  readonly convertedInvitations: number
}

export interface ViralCoefficient {
  readonly invitationsPerAmbassador: number
  readonly conversionRate: number
  /** K = invitations per ambassador × conversion rate of invitations. */
  readonly k: number
  readonly explanation: string
}

export interface GrowthProjectionInput {
  readonly seedCustomers: number
  readonly k: number
  /** Days from a customer joining to their invitees joining. */
  readonly cycleDays: number
  readonly rounds: number
}

export interface GrowthRound {
  readonly round: number
  readonly day: number
  /** Customers gained in this round (fractional: an expectation, not a head count). */
  readonly newCustomers: number
  readonly totalCustomers: number
}

export interface GrowthProjection {
  readonly rounds: readonly GrowthRound[]
  /** Where the total converges when k < 1 (seed / (1 − k)); null when k ≥ 1 (no limit). */
  readonly limit: number | null
}
