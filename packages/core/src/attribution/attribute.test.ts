import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../errors.ts'
import { PPM } from '../shared/ppm.ts'
import { attribute } from './attribute.ts'
import type { AttributionInput, AttributionModel, AttributionSettings, ClickTouch } from './types.ts'

const NOW = new Date('2024-06-30T12:00:00.000Z')
const DAY = 86_400_000
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY)
const click = (clickId: string, partnerId: string, ageDays: number): ClickTouch => ({
  clickId,
  partnerId,
  linkId: `link_${partnerId}`,
  at: daysAgo(ageDays),
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
const partners = { a: active, b: active, c: active, d: active }

function run(overrides: Partial<AttributionInput> & { model?: AttributionModel }) {
  const { model, ...rest } = overrides
  const merged = { ...settings, ...(model ? { model } : {}), ...rest.settings }
  return attribute({ clicks: [], partners, now: NOW, ...rest, settings: merged })
}
const weights = (result: ReturnType<typeof attribute>) =>
  Object.fromEntries(result.shares.map((share) => [share.partnerId, share.weightPpm]))

describe('attribution models (hand-computed weights in parts per million)', () => {
  const three = [click('k1', 'a', 10), click('k2', 'b', 5), click('k3', 'c', 1)]
  it.each<[AttributionModel, ClickTouch[], Record<string, number>]>([
    ['last_click', three, { c: 1_000_000 }],
    ['first_click', three, { a: 1_000_000 }],
    // 1/3 each: the leftover ppm goes to the earliest click
    ['linear', three, { a: 333_334, b: 333_333, c: 333_333 }],
    // two clicks of one partner add up: 333,334 + 333,333
    ['linear', [click('k1', 'a', 3), click('k2', 'b', 2), click('k3', 'a', 1)], { a: 666_667, b: 333_333 }],
    ['position_based', [click('k1', 'a', 1)], { a: 1_000_000 }],
    ['position_based', [click('k1', 'a', 2), click('k2', 'b', 1)], { a: 500_000, b: 500_000 }],
    ['position_based', three, { a: 400_000, b: 200_000, c: 400_000 }],
    [
      'position_based',
      [click('k1', 'a', 4), click('k2', 'b', 3), click('k3', 'c', 2), click('k4', 'd', 1)],
      { a: 400_000, b: 100_000, c: 100_000, d: 400_000 },
    ],
    // half-life 7 days, ages 14/7/0 days: weights 1/4, 1/2, 1 of 1.75
    // = 142,857.14 / 285,714.29 / 571,428.57 → the .57 remainder gets the leftover unit
    [
      'time_decay',
      [click('k1', 'a', 14), click('k2', 'b', 7), click('k3', 'c', 0)],
      { a: 142_857, b: 285_714, c: 571_429 },
    ],
  ])('%s', (model, clicks, expected) => {
    const result = run({ model, clicks })
    expect(weights(result)).toEqual(expected)
    expect(result.source).toBe('click')
    expect(result.shares.reduce((sum, share) => sum + share.weightPpm, 0)).toBe(PPM)
  })

  it('sorts clicks by time, whatever order they arrive in', () => {
    const result = run({ model: 'first_click', clicks: [click('k3', 'c', 1), click('k1', 'a', 10)] })
    expect(weights(result)).toEqual({ a: PPM })
    expect(result.shares[0]?.clickIds).toEqual(['k1'])
  })

  it('explains the share', () => {
    const result = run({ model: 'linear', clicks: three })
    expect(result.explanation).toContain('a 33.3334%: 1 of 3 clicks in the 30-day window, linear model')
  })
})

describe('window', () => {
  it('ignores clicks older than the window and after the conversion', () => {
    const result = run({ clicks: [click('old', 'a', 31), click('in', 'b', 29), click('future', 'c', -1)] })
    expect(weights(result)).toEqual({ b: PPM })
    expect(result.explanation).toContain('2 click(s) outside the 30-day window were ignored')
  })

  it('a click exactly at the window edge counts', () => {
    expect(weights(run({ clicks: [click('edge', 'a', 30)] }))).toEqual({ a: PPM })
  })

  it('nobody earns when every click is outside the window', () => {
    const result = run({ clicks: [click('old', 'a', 45)] })
    expect(result.shares).toEqual([])
    expect(result.source).toBe('none')
    expect(result.explanation).toContain('No partner earns')
  })
})

describe('bot clicks', () => {
  it('are ignored, flagged and explained; the human click wins', () => {
    const result = run({ clicks: [click('human', 'a', 3), { ...click('robot', 'b', 1), bot: true }] })
    expect(weights(result)).toEqual({ a: PPM })
    expect(result.flags).toEqual([expect.objectContaining({ code: 'bot_click', partnerId: 'b' })])
    expect(result.needsReview).toBe(false)
    expect(result.explanation).toContain('1 bot click(s) were ignored.')
  })
})

describe('coupon precedence', () => {
  const coupon = { code: 'SUMMER10', partnerId: 'b' }
  const clicks = [click('k1', 'a', 2)]

  it('coupon_first: the coupon partner takes everything', () => {
    const result = run({ clicks, coupon })
    expect(weights(result)).toEqual({ b: PPM })
    expect(result.source).toBe('coupon')
    expect(result.shares[0]?.reason).toContain('coupon SUMMER10')
  })

  it('click_first: clicks win, the coupon only counts without clicks', () => {
    const clickFirst = { ...settings, couponPrecedence: 'click_first' as const }
    expect(weights(run({ clicks, coupon, settings: clickFirst }))).toEqual({ a: PPM })
    expect(weights(run({ clicks: [], coupon, settings: clickFirst }))).toEqual({ b: PPM })
  })

  it('a coupon of an inactive partner falls back to the clicks', () => {
    const result = run({ clicks, coupon, partners: { ...partners, b: { status: 'suspended' } } })
    expect(weights(result)).toEqual({ a: PPM })
    expect(result.flags).toContainEqual(
      expect.objectContaining({ code: 'partner_ineligible', partnerId: 'b' }),
    )
  })
})

describe('lifetime attribution', () => {
  const referrer = { partnerId: 'd', referredAt: new Date('2024-01-15T00:00:00.000Z') }
  const clicks = [click('k1', 'a', 1)]

  it('the referrer keeps the customer within N months, over newer clicks and coupons', () => {
    const result = run({
      clicks,
      referrer,
      coupon: { code: 'X', partnerId: 'b' },
      settings: { ...settings, lifetimeMonths: 12 },
    })
    expect(weights(result)).toEqual({ d: PPM })
    expect(result.source).toBe('lifetime')
    expect(result.shares[0]?.reason).toContain('until 2025-01-15')
  })

  it('after N months the touches decide again', () => {
    const result = run({ clicks, referrer, settings: { ...settings, lifetimeMonths: 5 } })
    expect(weights(result)).toEqual({ a: PPM })
    expect(result.explanation).toContain('that has ended')
  })

  it("'forever' never expires, null turns lifetime off", () => {
    expect(weights(run({ clicks, referrer, settings: { ...settings, lifetimeMonths: 'forever' } }))).toEqual({
      d: PPM,
    })
    expect(weights(run({ clicks, referrer, settings: { ...settings, lifetimeMonths: null } }))).toEqual({
      a: PPM,
    })
  })

  it('a deactivated referrer earns nothing and the touches decide', () => {
    const result = run({
      clicks,
      referrer,
      partners: { ...partners, d: { status: 'deactivated' } },
      settings: { ...settings, lifetimeMonths: 'forever' },
    })
    expect(weights(result)).toEqual({ a: PPM })
  })
})

describe('partner status', () => {
  it.each(['suspended', 'rejected', 'deactivated', 'pending'] as const)(
    'a %s partner earns nothing',
    (status) => {
      const result = run({
        model: 'linear',
        clicks: [click('k1', 'a', 2), click('k2', 'b', 1)],
        partners: { a: active, b: { status } },
      })
      expect(weights(result)).toEqual({ a: PPM })
      expect(result.flags.map((flag) => flag.code)).toEqual(['partner_ineligible'])
    },
  )

  it('a partner missing from the map is ignored', () => {
    expect(weights(run({ clicks: [click('k1', 'zz', 1)] }))).toEqual({})
  })
})

describe('self-referral', () => {
  const customer = { emailHash: 'e1', ipHash: 'ip1' }
  const self = { status: 'active' as const, emailHashes: ['e1'], ipHashes: [] }
  const clicks = [click('k1', 'b', 3), click('k2', 'a', 1)]

  it('block: the partner is removed and the next touch wins', () => {
    const result = run({ clicks, customer, partners: { ...partners, a: self } })
    expect(weights(result)).toEqual({ b: PPM })
    expect(result.flags).toContainEqual(
      expect.objectContaining({ code: 'self_referral_blocked', partnerId: 'a' }),
    )
    expect(result.needsReview).toBe(false)
  })

  it('flag: attributed, but marked for review', () => {
    const result = run({
      clicks,
      customer,
      partners: { ...partners, a: self },
      settings: { ...settings, selfReferral: 'flag' },
    })
    expect(weights(result)).toEqual({ a: PPM })
    expect(result.needsReview).toBe(true)
  })

  it('allow: attributed without a flag (agencies buying for clients)', () => {
    const result = run({
      clicks,
      customer,
      partners: { ...partners, a: self },
      settings: { ...settings, selfReferral: 'allow' },
    })
    expect(weights(result)).toEqual({ a: PPM })
    expect(result.flags).toEqual([])
  })

  it('an IP-only match is flagged, not blocked', () => {
    const ipOnly = { status: 'active' as const, ipHashes: ['ip1'] }
    const result = run({ clicks, customer, partners: { ...partners, a: ipOnly } })
    expect(weights(result)).toEqual({ a: PPM })
    expect(result.flags).toEqual([expect.objectContaining({ code: 'self_referral', partnerId: 'a' })])
    expect(result.needsReview).toBe(true)
  })
})

describe('bad input', () => {
  it.each<[string, Partial<AttributionInput>, RegExp]>([
    ['invalid now', { now: new Date('nope') }, /now must be a valid Date/],
    ['NaN window', { settings: { ...settings, windowDays: Number.NaN } }, /windowDays/],
    ['negative window', { settings: { ...settings, windowDays: -1 } }, /windowDays/],
    [
      'unknown model',
      { settings: { ...settings, model: 'u_shaped' as AttributionModel } },
      /Unknown attribution model/,
    ],
    ['zero half-life', { settings: { ...settings, model: 'time_decay', halfLifeDays: 0 } }, /halfLifeDays/],
    ['fractional lifetime', { settings: { ...settings, lifetimeMonths: 1.5 } }, /lifetimeMonths/],
    ['invalid click date', { clicks: [{ ...click('k', 'a', 1), at: new Date(Number.NaN) }] }, /click k at/],
  ])('%s', (_name, overrides, message) => {
    expect(() => run(overrides)).toThrow(InvalidInputError)
    expect(() => run(overrides)).toThrow(message)
  })
})

describe('properties', () => {
  const models: AttributionModel[] = ['last_click', 'first_click', 'linear', 'time_decay', 'position_based']
  const clickArb = fc.record({
    clickId: fc.string({ minLength: 1, maxLength: 6 }),
    partnerId: fc.constantFrom('a', 'b', 'c', 'd', 'gone'),
    linkId: fc.constant('l'),
    at: fc.integer({ min: -40 * DAY, max: DAY }).map((offset) => new Date(NOW.getTime() - offset)),
  })

  it('weights are positive integers that sum to exactly 1,000,000, one share per partner', () => {
    fc.assert(
      fc.property(
        fc.array(clickArb, { maxLength: 30 }),
        fc.constantFrom(...models),
        fc.integer({ min: 1, max: 60 }),
        (clicks, model, halfLifeDays) => {
          const result = run({ clicks, settings: { ...settings, model, halfLifeDays } })
          const total = result.shares.reduce((sum, share) => sum + share.weightPpm, 0)
          expect(result.shares.length === 0 ? 0 : total).toBe(result.shares.length === 0 ? 0 : PPM)
          for (const share of result.shares)
            expect(Number.isSafeInteger(share.weightPpm) && share.weightPpm > 0).toBe(true)
          const ids = result.shares.map((share) => share.partnerId)
          expect(new Set(ids).size).toBe(ids.length)
          expect(ids).not.toContain('gone')
        },
      ),
    )
  })

  it('the order the clicks arrive in does not change the result', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(clickArb, { selector: (c) => c.clickId, maxLength: 12 }),
        fc.constantFrom(...models),
        (clicks, model) => {
          const forward = run({ clicks, settings: { ...settings, model } })
          const backward = run({ clicks: [...clicks].reverse(), settings: { ...settings, model } })
          expect(weights(backward)).toEqual(weights(forward))
        },
      ),
    )
  })
})
