import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCoupon } from '../links/links.ts'
import { newPartner, newProgram, testContext } from '../testing/setup.ts'
import { publishRuleSet } from './rule-sets.ts'
import { simulateOrder } from './simulate.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

const tenPercentNet = {
  name: 'Net 10%',
  kind: 'percentage',
  event: 'sale',
  rate: { bps: 1000 },
  netOfTax: true,
}

describe('simulateOrder', () => {
  it('prices an example order with a draft rule set, explains it, and writes nothing', async () => {
    const ctx = testContext(stores.db)
    const { id: programId } = await newProgram(ctx)
    const ada = await newPartner(ctx, programId, { name: 'Ada Lovelace' })
    const before = await counts()
    const result = await simulateOrder(ctx, {
      programId,
      rules: [
        tenPercentNet,
        {
          name: 'Gift cards 0%',
          kind: 'product',
          event: 'sale',
          match: { by: 'category', values: ['gift'] },
          rate: { bps: 0 },
        },
      ],
      order: {
        amountMinor: 12_000,
        taxMinor: 2_000,
        lineItems: [{ sku: 'GC-50', category: 'gift', quantity: 1, amountMinor: 5_000 }],
      },
      clicks: [{ partnerId: ada.id, minutesBefore: 60 }],
    })
    expect(result.problems).toEqual([])
    expect(result.ruleSet).toEqual({ source: 'draft' })
    expect(result.attribution.shares).toMatchObject([
      { partnerId: ada.id, partnerName: 'Ada Lovelace', weightPpm: 1_000_000 },
    ])
    expect(result.lines).toHaveLength(1)
    expect(result.lines[0]).toMatchObject({
      ruleName: 'Net 10%',
      level: 0,
      kind: 'commission',
      amount: { amountMinor: 500, currency: 'EUR' },
    })
    expect(result.lines[0]?.explanation).toMatch(/10%.*'Net 10%'.*5\.00 EUR/)
    expect(result.total).toEqual({ amountMinor: 500, currency: 'EUR' })
    expect(await counts()).toEqual(before)
  })

  it("uses the version in force, a coupon's partner, and the period volume", async () => {
    const ctx = testContext(stores.db)
    const { id: programId } = await newProgram(ctx)
    const ada = await newPartner(ctx, programId)
    const ben = await newPartner(ctx, programId, { name: 'Ben' })
    await createCoupon(ctx, { programId, partnerId: ben.id, code: 'BEN10' })
    await publishRuleSet(ctx, {
      programId,
      rules: [
        {
          name: 'Ladder',
          kind: 'tiered',
          event: 'sale',
          metric: 'count',
          mode: 'whole',
          tiers: [
            { id: 't1', name: 'Base', from: 0, rate: { bps: 500 } },
            { id: 't2', name: 'Gold', from: 10, rate: { bps: 2000 } },
          ],
        },
      ],
    })
    const result = await simulateOrder(ctx, {
      programId,
      order: { amountMinor: 10_000, coupon: 'ben10' },
      clicks: [{ partnerId: ada.id, minutesBefore: 5 }],
      period: { conversions: 9, revenueMinor: 90_000, commissionMinor: 4_500 },
    })
    expect(result.ruleSet).toEqual({ source: 'version', version: 1 })
    expect(result.attribution.source).toBe('coupon')
    expect(result.lines).toMatchObject([{ partnerId: ben.id, amount: { amountMinor: 2_000 } }])
    expect(result.lines[0]?.explanation).toMatch(/Gold/)
  })

  it("returns core's problems for a broken draft, and says when nothing is in force", async () => {
    const ctx = testContext(stores.db)
    const { id: programId } = await newProgram(ctx)
    const broken = await simulateOrder(ctx, {
      programId,
      rules: [{ name: 'Broken', kind: 'percentage', event: 'sale', rate: { bps: -5 } }],
      order: { amountMinor: 1_000 },
    })
    expect(broken.problems.length).toBeGreaterThan(0)
    expect(broken.problems[0]).toMatchObject({ code: 'invalid_rate' })
    const none = await simulateOrder(ctx, { programId, order: { amountMinor: 1_000, coupon: 'NOPE' } })
    expect(none.ruleSet).toBeNull()
    expect(none.notes.join(' ')).toMatch(/no commission rules in force/)
    expect(none.notes.join(' ')).toMatch(/NOPE is not an active coupon/)
    await expect(simulateOrder(ctx, { programId, order: { amountMinor: -1 } })).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })
})

async function counts() {
  const row = await stores.db
    .selectFrom('conversions')
    .select((eb) => [
      eb.fn.countAll<number>().as('conversions'),
      eb.selectFrom('commissions').select(eb.fn.countAll<number>().as('n')).as('commissions'),
    ])
    .executeTakeFirstOrThrow()
  return { conversions: Number(row.conversions), commissions: Number(row.commissions) }
}
