import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../errors.ts'
import { projectReferralGrowth } from './projection.ts'
import { viralCoefficient } from './viral.ts'

describe('viralCoefficient', () => {
  it('K = invitations per ambassador × conversion rate', () => {
    // 400 invitations from 100 ambassadors = 4 each; 50 converted = 12.5% → K = 0.5
    const result = viralCoefficient({ invitations: 400, ambassadors: 100, convertedInvitations: 50 })
    expect([result.invitationsPerAmbassador, result.conversionRate, result.k]).toEqual([4, 0.125, 0.5])
    expect(result.explanation).toBe(
      'K = 4 invitations per ambassador × 12.5% converted = 0.5: each referring customer brings 0.5 new customers',
    )
  })

  it('says when growth sustains itself', () => {
    expect(
      viralCoefficient({ invitations: 300, ambassadors: 50, convertedInvitations: 60 }).explanation,
    ).toContain('self-sustaining')
  })

  it('handles an empty period and rejects impossible numbers', () => {
    expect(viralCoefficient({ invitations: 0, ambassadors: 0, convertedInvitations: 0 }).k).toBe(0)
    expect(() => viralCoefficient({ invitations: 10, ambassadors: 2, convertedInvitations: 11 })).toThrow(
      InvalidInputError,
    )
    expect(() => viralCoefficient({ invitations: 10, ambassadors: 0, convertedInvitations: 1 })).toThrow(
      /no ambassadors/,
    )
    expect(() =>
      viralCoefficient({ invitations: Number.NaN, ambassadors: 1, convertedInvitations: 0 }),
    ).toThrow(InvalidInputError)
  })
})

describe('projectReferralGrowth', () => {
  it('adds k × the previous round each cycle', () => {
    const projection = projectReferralGrowth({
      seedCustomers: 1_000,
      k: 0.5,
      invitingShare: 1,
      cycleDays: 14,
      rounds: 3,
    })
    expect(projection.rounds).toEqual([
      { round: 0, day: 0, newCustomers: 1_000, totalCustomers: 1_000 },
      { round: 1, day: 14, newCustomers: 500, totalCustomers: 1_500 },
      { round: 2, day: 28, newCustomers: 250, totalCustomers: 1_750 },
      { round: 3, day: 42, newCustomers: 125, totalCustomers: 1_875 },
    ])
    expect(projection.limit).toBe(2_000)
  })

  it('the seed article: 1,000 customers and K = 1.1 (every customer invites)', () => {
    const projection = projectReferralGrowth({
      seedCustomers: 1_000,
      k: 1.1,
      invitingShare: 1,
      cycleDays: 14,
      rounds: 2,
    })
    expect(projection.rounds.map((r) => Math.round(r.newCustomers))).toEqual([1_000, 1_100, 1_210])
    expect(projection.explanation).toBe(
      "Each round adds K × the inviting share × the previous round's new customers (1.1 × 100% = 1.1): 1,000 → +1,100 → +1,210; 3,310 customers on day 28; the factor is at least 1, so growth does not level off.",
    )
  })

  it('K per ambassador is not applied to every customer: the inviting share scales it', () => {
    // 100 of 1,000 customers invite; 400 invitations, 50 converted: K = 0.5 per ambassador,
    // 0.05 per customer. Applying K to everyone would add 500 in round 1, not 50.
    const viral = viralCoefficient({
      invitations: 400,
      ambassadors: 100,
      convertedInvitations: 50,
      customers: 1_000,
    })
    expect([viral.k, viral.invitingShare]).toEqual([0.5, 0.1])
    expect(viral.explanation).toBe(
      'K = 4 invitations per ambassador × 12.5% converted = 0.5: each referring customer brings 0.5 new customers; 100 of 1,000 customers invite (10%), so each customer brings 0.05',
    )
    const projection = projectReferralGrowth({
      seedCustomers: 1_000,
      k: viral.k,
      invitingShare: viral.invitingShare!,
      cycleDays: 30,
      rounds: 2,
    })
    expect(projection.growthFactor).toBe(0.05)
    expect(projection.rounds.map((r) => r.newCustomers)).toEqual([1_000, 50, 2.5])
    expect(projection.explanation).toBe(
      "Each round adds K × the inviting share × the previous round's new customers (0.5 × 10% = 0.05): 1,000 → +50 → +2.5; 1,052.5 customers on day 60; the total levels off at seed / (1 − 0.05) = 1,052.6.",
    )
  })

  it('an inviting share above 1 is refused', () => {
    expect(() =>
      projectReferralGrowth({ seedCustomers: 1, k: 1, invitingShare: 10, cycleDays: 7, rounds: 1 }),
    ).toThrow(
      'invitingShare is the share of customers who invite, from 0 to 1 (ambassadors / customers), got 10',
    )
  })

  it('has no limit when k ≥ 1', () => {
    const projection = projectReferralGrowth({
      seedCustomers: 10,
      k: 2,
      invitingShare: 1,
      cycleDays: 7,
      rounds: 2,
    })
    expect(projection.rounds.at(-1)?.totalCustomers).toBe(70)
    expect(projection.limit).toBeNull()
  })

  it('rejects bad input', () => {
    expect(() =>
      projectReferralGrowth({ seedCustomers: -1, k: 1, invitingShare: 1, cycleDays: 7, rounds: 1 }),
    ).toThrow(InvalidInputError)
    expect(() =>
      projectReferralGrowth({ seedCustomers: 1, k: 1, invitingShare: 1, cycleDays: 7, rounds: 1.5 }),
    ).toThrow(/rounds/)
  })
})
