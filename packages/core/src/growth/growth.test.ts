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
    const projection = projectReferralGrowth({ seedCustomers: 1_000, k: 0.5, cycleDays: 14, rounds: 3 })
    expect(projection.rounds).toEqual([
      { round: 0, day: 0, newCustomers: 1_000, totalCustomers: 1_000 },
      { round: 1, day: 14, newCustomers: 500, totalCustomers: 1_500 },
      { round: 2, day: 28, newCustomers: 250, totalCustomers: 1_750 },
      { round: 3, day: 42, newCustomers: 125, totalCustomers: 1_875 },
    ])
    expect(projection.limit).toBe(2_000)
  })

  it('has no limit when k ≥ 1', () => {
    const projection = projectReferralGrowth({ seedCustomers: 10, k: 2, cycleDays: 7, rounds: 2 })
    expect(projection.rounds.at(-1)?.totalCustomers).toBe(70)
    expect(projection.limit).toBeNull()
  })

  it('rejects bad input', () => {
    expect(() => projectReferralGrowth({ seedCustomers: -1, k: 1, cycleDays: 7, rounds: 1 })).toThrow(
      InvalidInputError,
    )
    expect(() => projectReferralGrowth({ seedCustomers: 1, k: 1, cycleDays: 7, rounds: 1.5 })).toThrow(
      /rounds/,
    )
  })
})
