import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { adminClient } from '../../test-support/clients.ts'
import {
  insertClicks,
  insertCommission,
  insertConversion,
  insertLink,
  insertPartner,
  insertProgram,
} from '../../test-support/fixtures.ts'
import { loggedInAdmin } from '../../test-support/logged-in-clients.ts'

describe('admin overview.summary', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let admin: ReturnType<typeof adminClient>
  let eur: string
  let usd: string
  let partner: string

  beforeAll(async () => {
    stores = await openTestStores()
    eur = await insertProgram(stores, { currency: 'EUR' })
    usd = await insertProgram(stores, { currency: 'USD' })
    partner = await insertPartner(stores, { programIds: [eur, usd] })
    const eurLink = await insertLink(stores, { programId: eur, partnerId: partner })
    const usdLink = await insertLink(stores, { programId: usd, partnerId: partner })
    // Year 2001: no other test in this process writes clicks there (chDB is shared per process).
    await insertClicks(stores, [
      { programId: eur, partnerId: partner, linkId: eurLink.id, ts: '2001-03-01T10:00:00Z' },
      { programId: eur, partnerId: partner, linkId: eurLink.id, ts: '2001-03-01T11:00:00Z', unique: false },
      { programId: eur, partnerId: partner, linkId: eurLink.id, ts: '2001-03-01T12:00:00Z', bot: true },
      { programId: eur, partnerId: partner, linkId: eurLink.id, ts: '2001-03-03T23:59:59Z' },
      { programId: usd, partnerId: partner, linkId: usdLink.id, ts: '2001-03-02T08:00:00Z' },
      // Outside the range on both sides.
      { programId: eur, partnerId: partner, linkId: eurLink.id, ts: '2001-02-28T23:59:59Z' },
      { programId: eur, partnerId: partner, linkId: eurLink.id, ts: '2001-03-04T00:00:00Z' },
    ])
    // A second insert for the same day/key: the rollup holds two rows until a merge.
    await insertClicks(stores, [
      { programId: eur, partnerId: partner, linkId: eurLink.id, ts: '2001-03-01T13:00:00Z' },
    ])

    const c1 = await insertConversion(stores, {
      programId: eur,
      partnerId: partner,
      amountMinor: 10_000,
      refundedMinor: 2_500,
      currency: 'EUR',
      occurredAt: '2001-03-01T09:00:00Z',
    })
    await insertCommission(stores, {
      programId: eur,
      partnerId: partner,
      conversionId: c1,
      amountMinor: 1_000,
      currency: 'EUR',
    })
    await insertCommission(stores, {
      programId: eur,
      partnerId: partner,
      conversionId: c1,
      amountMinor: -250,
      currency: 'EUR',
      status: 'approved',
    })
    await insertCommission(stores, {
      programId: eur,
      partnerId: partner,
      conversionId: c1,
      amountMinor: 9_999,
      currency: 'EUR',
      status: 'rejected',
    })
    const c2 = await insertConversion(stores, {
      programId: usd,
      partnerId: partner,
      amountMinor: 5_000,
      currency: 'USD',
      occurredAt: '2001-03-03T23:00:00Z',
      status: 'approved',
    })
    await insertCommission(stores, {
      programId: usd,
      partnerId: partner,
      conversionId: c2,
      amountMinor: 500,
      currency: 'USD',
      status: 'approved',
    })
    const c3 = await insertConversion(stores, {
      programId: eur,
      partnerId: partner,
      amountMinor: 2_000,
      currency: 'EUR',
      occurredAt: '2001-03-03T12:00:00Z',
    })
    await insertCommission(stores, {
      programId: eur,
      partnerId: partner,
      conversionId: c3,
      amountMinor: 200,
      currency: 'EUR',
    })
    // Rejected conversion and out-of-range conversion: not counted.
    const rejected = await insertConversion(stores, {
      programId: eur,
      partnerId: partner,
      amountMinor: 70_000,
      currency: 'EUR',
      occurredAt: '2001-03-02T12:00:00Z',
      status: 'rejected',
    })
    await insertCommission(stores, {
      programId: eur,
      partnerId: partner,
      conversionId: rejected,
      amountMinor: 7_000,
      currency: 'EUR',
    })
    await insertConversion(stores, {
      programId: eur,
      partnerId: partner,
      amountMinor: 80_000,
      currency: 'EUR',
      occurredAt: '2001-03-04T00:00:00Z',
    })

    admin = await loggedInAdmin(stores)
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('adds up clicks, conversions and money per currency, with every day present', async () => {
    const api = await admin.api()
    const summary = await api.overview.summary({ from: '2001-03-01', to: '2001-03-03' })
    expect(summary).toMatchObject({
      from: '2001-03-01',
      to: '2001-03-03',
      clicks: 5,
      uniqueClicks: 4,
      botClicks: 1,
      conversions: 3,
      revenue: [
        { amountMinor: 7_500 + 2_000, currency: 'EUR' },
        { amountMinor: 5_000, currency: 'USD' },
      ],
      commissions: [
        { amountMinor: 1_000 - 250 + 200, currency: 'EUR' },
        { amountMinor: 500, currency: 'USD' },
      ],
      chartCurrency: 'EUR',
    })
    expect(summary.byDay).toEqual([
      {
        day: '2001-03-01',
        clicks: 3,
        uniqueClicks: 2,
        conversions: 1,
        revenueMinor: 7_500,
        commissionsMinor: 750,
      },
      { day: '2001-03-02', clicks: 1, uniqueClicks: 1, conversions: 0, revenueMinor: 0, commissionsMinor: 0 },
      {
        day: '2001-03-03',
        clicks: 1,
        uniqueClicks: 1,
        conversions: 2,
        revenueMinor: 2_000,
        commissionsMinor: 200,
      },
    ])
  })

  it('narrows to one program and charts in its currency', async () => {
    const api = await admin.api()
    const summary = await api.overview.summary({ from: '2001-03-01', to: '2001-03-03', programId: usd })
    expect(summary).toMatchObject({
      clicks: 1,
      conversions: 1,
      revenue: [{ amountMinor: 5_000, currency: 'USD' }],
      commissions: [{ amountMinor: 500, currency: 'USD' }],
      chartCurrency: 'USD',
    })
    expect(summary.byDay.map((d) => d.revenueMinor)).toEqual([0, 0, 5_000])
  })

  it('zero-fills an empty range', async () => {
    const api = await admin.api()
    const summary = await api.overview.summary({ from: '2001-01-01', to: '2001-01-05', programId: eur })
    expect(summary.byDay).toHaveLength(5)
    expect(summary).toMatchObject({
      clicks: 0,
      conversions: 0,
      revenue: [],
      commissions: [],
      chartCurrency: 'EUR',
    })
  })

  it('rejects bad ranges with a clear message', async () => {
    const api = await admin.api()
    await expect(api.overview.summary({ from: '2001-03-05', to: '2001-03-01' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    await expect(api.overview.summary({ from: '2001-02-30', to: '2001-03-01' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    await expect(
      api.overview.summary({ from: '2001-03-01', to: '2001-03-02', programId: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
