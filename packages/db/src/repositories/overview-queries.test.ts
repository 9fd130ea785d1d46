import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestStores } from '../testing/index.ts'
import {
  insertClicks,
  insertCommission,
  insertConversion,
  insertLink,
  insertPartner,
  insertProgram,
} from '../testing/rows.ts'
import { overviewSummary } from './overview-queries.ts'

describe('overviewSummary', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let eur: string
  let usd: string
  const summary = (p: { from: string; to: string; programId?: string }) =>
    overviewSummary(stores.db, stores.ch, p)

  beforeAll(async () => {
    stores = await openTestStores()
    const { db } = stores
    eur = await insertProgram(db, { currency: 'EUR' })
    usd = await insertProgram(db, { currency: 'USD' })
    const partner = await insertPartner(db, [eur, usd])
    const eurLink = await insertLink(db, { programId: eur, partnerId: partner })
    const usdLink = await insertLink(db, { programId: usd, partnerId: partner })
    // Year 2001: no other test in this process writes clicks there (chDB is shared per process).
    await insertClicks(stores.ch, [
      { programId: eur, partnerId: partner, linkId: eurLink, ts: '2001-03-01T10:00:00Z' },
      { programId: eur, partnerId: partner, linkId: eurLink, ts: '2001-03-01T11:00:00Z', unique: false },
      { programId: eur, partnerId: partner, linkId: eurLink, ts: '2001-03-01T12:00:00Z', bot: true },
      { programId: eur, partnerId: partner, linkId: eurLink, ts: '2001-03-03T23:59:59Z' },
      { programId: usd, partnerId: partner, linkId: usdLink, ts: '2001-03-02T08:00:00Z' },
      // Outside the range on both sides.
      { programId: eur, partnerId: partner, linkId: eurLink, ts: '2001-02-28T23:59:59Z' },
      { programId: eur, partnerId: partner, linkId: eurLink, ts: '2001-03-04T00:00:00Z' },
    ])
    // A second insert for the same day/key: the rollup holds two rows until a merge.
    await insertClicks(stores.ch, [
      { programId: eur, partnerId: partner, linkId: eurLink, ts: '2001-03-01T13:00:00Z' },
    ])

    const sale = (
      programId: string,
      currency: string,
      amountMinor: number,
      occurredAt: string,
      more: { status?: 'approved' | 'rejected'; refundedMinor?: number } = {},
    ) => insertConversion(db, { programId, partnerId: partner, amountMinor, currency, occurredAt, ...more })
    const commission = (
      programId: string,
      conversionId: string,
      currency: string,
      amountMinor: number,
      status?: 'approved' | 'rejected',
    ) =>
      insertCommission(db, {
        programId,
        partnerId: partner,
        conversionId,
        amountMinor,
        currency,
        ...(status ? { status } : {}),
      })

    const c1 = await sale(eur, 'EUR', 10_000, '2001-03-01T09:00:00Z', { refundedMinor: 2_500 })
    await commission(eur, c1, 'EUR', 1_000)
    await commission(eur, c1, 'EUR', -250, 'approved')
    await commission(eur, c1, 'EUR', 9_999, 'rejected')
    const c2 = await sale(usd, 'USD', 5_000, '2001-03-03T23:00:00Z', { status: 'approved' })
    await commission(usd, c2, 'USD', 500, 'approved')
    const c3 = await sale(eur, 'EUR', 2_000, '2001-03-03T12:00:00Z')
    await commission(eur, c3, 'EUR', 200)
    // Rejected conversion and out-of-range conversion: not counted.
    const rejected = await sale(eur, 'EUR', 70_000, '2001-03-02T12:00:00Z', { status: 'rejected' })
    await commission(eur, rejected, 'EUR', 7_000)
    await sale(eur, 'EUR', 80_000, '2001-03-04T00:00:00Z')
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('adds up clicks, conversions and money per currency, with every day present', async () => {
    const s = await summary({ from: '2001-03-01', to: '2001-03-03' })
    expect(s).toMatchObject({
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
    expect(s?.byDay).toEqual([
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
    const s = await summary({ from: '2001-03-01', to: '2001-03-03', programId: usd })
    expect(s).toMatchObject({
      clicks: 1,
      conversions: 1,
      revenue: [{ amountMinor: 5_000, currency: 'USD' }],
      commissions: [{ amountMinor: 500, currency: 'USD' }],
      chartCurrency: 'USD',
    })
    expect(s?.byDay.map((d) => d.revenueMinor)).toEqual([0, 0, 5_000])
  })

  it('zero-fills an empty range', async () => {
    const s = await summary({ from: '2001-01-01', to: '2001-01-05', programId: eur })
    expect(s?.byDay).toHaveLength(5)
    expect(s).toMatchObject({
      clicks: 0,
      conversions: 0,
      revenue: [],
      commissions: [],
      chartCurrency: 'EUR',
    })
  })

  it('returns undefined for a program that does not exist', async () => {
    await expect(
      summary({ from: '2001-03-01', to: '2001-03-02', programId: crypto.randomUUID() }),
    ).resolves.toBeUndefined()
  })
})
