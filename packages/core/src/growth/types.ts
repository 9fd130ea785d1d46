export interface ViralInput {
  /** Invitations sent in the period. */
  readonly invitations: number
  /** Customers who sent at least one invitation in the period. */
  readonly ambassadors: number
  /** Invitations that turned into a (qualified) customer. */
  readonly convertedInvitations: number
  /** All customers in the period, ambassadors or not: gives the share of customers who invite. */
  readonly customers?: number
}

export interface ViralCoefficient {
  readonly invitationsPerAmbassador: number
  readonly conversionRate: number
  /** K = invitations per ambassador × conversion rate of invitations: new customers per ambassador. */
  readonly k: number
  /** Ambassadors / customers (null without `customers`): what projectReferralGrowth() needs with K. */
  readonly invitingShare: number | null
  readonly explanation: string
}

/**
 * K is measured per ambassador (viralCoefficient), but not every customer invites: applying K to
 * every customer overstates growth. So the projection takes the share of customers who invite
 * explicitly: each round's new customers bring K × invitingShare × themselves in the next round.
 * With invitingShare 1, K applies to every customer (the textbook loop).
 */
export interface GrowthProjectionInput {
  /** Customers at the start (round 0). */
  readonly seedCustomers: number
  /** New customers per inviting customer (ambassador), from viralCoefficient(). */
  readonly k: number
  /** Share of customers who invite, 0–1 (viralCoefficient's invitingShare). */
  readonly invitingShare: number
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
  /** New customers per new customer and round: K × invitingShare. */
  readonly growthFactor: number
  /** Where the total converges when the growth factor is below 1 (seed / (1 − factor)); null otherwise. */
  readonly limit: number | null
  /** The formula and the first rounds: "each round adds K × … : 1,000 → +1,100 → +1,210". */
  readonly explanation: string
}
