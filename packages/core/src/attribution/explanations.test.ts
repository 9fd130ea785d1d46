import { describe, expect, it } from 'vitest'
import { attribute } from './attribute.ts'
import type { AttributionInput, AttributionSettings, ClickTouch } from './types.ts'

// Whole sentences: each share says the inputs that decided it, and matches the weight it explains.
const NOW = new Date('2024-06-30T12:00:00.000Z')
const click = (clickId: string, partnerId: string, ageDays: number): ClickTouch => ({
  clickId,
  partnerId,
  linkId: 'l',
  at: new Date(NOW.getTime() - ageDays * 86_400_000),
})
const settings: AttributionSettings = {
  model: 'last_click',
  windowDays: 30,
  halfLifeDays: 7,
  couponPrecedence: 'coupon_first',
  lifetimeMonths: null,
  selfReferral: 'block',
}
const active = { status: 'active' as const }
const explain = (
  input: Omit<Partial<AttributionInput>, 'settings'> & { settings?: Partial<AttributionSettings> },
) =>
  attribute({
    clicks: [],
    partners: { a: active, b: active, c: active },
    now: NOW,
    ...input,
    settings: { ...settings, ...input.settings },
  }).explanation

describe('model explanations', () => {
  it('time decay names the half-life, each click age and the weights behind the share', () => {
    // weights 2^(−14/7) = 0.25, 2^(−7/7) = 0.5, 2^0 = 1 of 1.75 → 57.1429%, 28.5714%, 14.2857%
    const text = explain({
      clicks: [click('k1', 'a', 14), click('k2', 'b', 7), click('k3', 'c', 0)],
      settings: { model: 'time_decay' },
    })
    expect(text).toBe(
      'c 57.1429%: 1 of 3 clicks in the 30-day window, time decay with a 7-day half-life (weight 2^(−age/7)): k3 0 days old weighs 1 of 1.75. ' +
        'b 28.5714%: 1 of 3 clicks in the 30-day window, time decay with a 7-day half-life (weight 2^(−age/7)): k2 7 days old weighs 0.5 of 1.75. ' +
        'a 14.2857%: 1 of 3 clicks in the 30-day window, time decay with a 7-day half-life (weight 2^(−age/7)): k1 14 days old weighs 0.25 of 1.75.',
    )
  })

  it("time decay adds up one partner's clicks", () => {
    // a: 0.25 + 1 = 1.25 of 1.75 → 71.4286%
    const text = explain({
      clicks: [click('k1', 'a', 14), click('k2', 'b', 7), click('k3', 'a', 0)],
      settings: { model: 'time_decay' },
    })
    expect(text).toContain(
      'a 71.4286%: 2 of 3 clicks in the 30-day window, time decay with a 7-day half-life (weight 2^(−age/7)): k1 14 days old weighs 0.25, k3 0 days old weighs 1; together 1.25 of 1.75.',
    )
  })

  it('position based with two clicks says 50/50, as it pays', () => {
    const text = explain({
      clicks: [click('k1', 'a', 2), click('k2', 'b', 1)],
      settings: { model: 'position_based' },
    })
    expect(text).toBe(
      'a 50%: the first of 2 clicks in the 30-day window (k1), position based: 50/50 for two clicks. ' +
        'b 50%: the last of 2 clicks in the 30-day window (k2), position based: 50/50 for two clicks.',
    )
  })

  it('position based with three or more clicks says 40/20/40 and where each click stood', () => {
    const text = explain({
      clicks: [click('k1', 'a', 4), click('k2', 'b', 3), click('k3', 'b', 2), click('k4', 'a', 1)],
      settings: { model: 'position_based' },
    })
    expect(text).toBe(
      'a 80%: the first and the last of 4 clicks in the 30-day window (k1, k4), position based: 40% first, 40% last, 20% shared by the 2 clicks in between. ' +
        'b 20%: 2 middle of 4 clicks in the 30-day window (k2, k3), position based: 40% first, 40% last, 20% shared by the 2 clicks in between.',
    )
  })
})

describe('self-referral explanations', () => {
  const customer = { emailHash: 'e1' }
  const self = { status: 'active' as const, emailHashes: ['e1'] }

  it('a blocked partner with another click present: the other click is not "the only click in the window"', () => {
    const text = explain({
      clicks: [click('k1', 'b', 3), click('k2', 'a', 1)],
      customer,
      partners: { a: self, b: active },
    })
    expect(text).toBe(
      'b 100%: the only eligible click in the 30-day window (k1); 1 click of a was removed: self-referral blocked. ' +
        "Removed a: the customer's email matches partner a's own: self-referral is blocked in this program.",
    )
  })

  it('a flagged self-referral says it is flagged, in the share it affects', () => {
    const result = attribute({
      clicks: [click('k1', 'b', 3), click('k2', 'a', 1)],
      customer,
      partners: { a: self, b: active },
      settings: { ...settings, selfReferral: 'flag' },
      now: NOW,
    })
    expect(result.shares[0]?.reason).toBe(
      "last click of 2 clicks in the 30-day window (k2); flagged for review: the customer's email matches a's own",
    )
    expect(result.explanation).toBe(
      "a 100%: last click of 2 clicks in the 30-day window (k2); flagged for review: the customer's email matches a's own.",
    )
    expect(result.needsReview).toBe(true)
  })

  it('an allowed self-referral says the match was seen and allowed', () => {
    const result = attribute({
      clicks: [click('k1', 'a', 1)],
      customer,
      partners: { a: self },
      settings: { ...settings, selfReferral: 'allow' },
      now: NOW,
    })
    expect(result.explanation).toBe(
      "a 100%: the only click in the 30-day window (k1); the customer's email matches a's own, and self-referral is allowed in this program. The customer matches a's own email; self-referral is allowed here.",
    )
    expect([result.flags, result.needsReview]).toEqual([[], false])
  })

  it('an IP-only match under block says why it was only flagged', () => {
    const result = attribute({
      clicks: [click('k1', 'a', 1)],
      customer: { ipHash: 'ip1' },
      partners: { a: { status: 'active', ipHashes: ['ip1'] } },
      settings,
      now: NOW,
    })
    expect(result.shares[0]?.reason).toBe(
      "the only click in the 30-day window (k1); flagged for review: the customer's IP matches one a used (an IP alone does not block)",
    )
  })
})

describe('names', () => {
  it('explanations name partners that have a name', () => {
    const text = explain({
      clicks: [click('k1', 'p_91', 2)],
      coupon: { code: 'ADA10', partnerId: 'p_12' },
      partners: {
        p_12: { status: 'suspended', name: 'Ada Lovelace' },
        p_91: { status: 'active', name: 'Grace Hopper' },
      },
    })
    expect(text).toBe(
      'Grace Hopper 100%: the only click in the 30-day window (k1). Ignored Ada Lovelace: suspended.',
    )
  })
})
