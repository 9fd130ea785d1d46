import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { adminClient } from '../../../test-support/clients.ts'
import {
  insertClicks,
  insertCommission,
  insertConversion,
  insertLink,
  insertPartner,
  insertProgram,
} from '../../../test-support/fixtures.ts'
import { loggedInAdmin } from '../../../test-support/logged-in-clients.ts'

describe('admin partners.list and conversions.list', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let admin: ReturnType<typeof adminClient>
  let shop: string
  let other: string
  let ana: string
  let ben: string
  const conversions: string[] = []

  beforeAll(async () => {
    stores = await openTestStores()
    shop = await insertProgram(stores, { currency: 'EUR', name: 'Shop' })
    other = await insertProgram(stores, { currency: 'GBP', name: 'Other' })
    ana = await insertPartner(stores, { name: 'Ana 100%_off', programIds: [shop] })
    ben = await insertPartner(stores, { name: 'Ben', programIds: [shop, other] })
    await insertPartner(stores, { name: 'Cleo' })
    const link = await insertLink(stores, { programId: shop, partnerId: ana })
    await insertClicks(stores, [
      { programId: shop, partnerId: ana, linkId: link.id, ts: '2002-05-10T10:00:00Z' },
      { programId: shop, partnerId: ana, linkId: link.id, ts: '2002-05-11T10:00:00Z' },
      { programId: shop, partnerId: ana, linkId: link.id, ts: '2002-05-11T11:00:00Z', bot: true },
    ])
    for (const [i, [partner, program, currency, status]] of (
      [
        [ana, shop, 'EUR', 'pending'],
        [ana, shop, 'EUR', 'rejected'],
        [ben, other, 'GBP', 'approved'],
        [ben, shop, 'EUR', 'approved'],
      ] as const
    ).entries()) {
      const id = await insertConversion(stores, {
        programId: program,
        partnerId: partner,
        amountMinor: 1_000 * (i + 1),
        currency,
        status,
        occurredAt: `2002-05-1${i}T12:00:00Z`,
      })
      conversions.push(id)
      await insertCommission(stores, {
        programId: program,
        partnerId: partner,
        conversionId: id,
        amountMinor: 100 * (i + 1),
        currency,
        status: status === 'rejected' ? 'rejected' : 'approved',
        createdAt: `2002-05-1${i}T12:00:00Z`,
      })
    }
    admin = await loggedInAdmin(stores)
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('lists partners with period stats, per currency', async () => {
    const api = await admin.api()
    const page = await api.partners.list({ from: '2002-05-01', to: '2002-05-31', limit: 10 })
    expect(page.items.map((p) => p.name)).toEqual(['Ana 100%_off', 'Ben', 'Cleo'])
    expect(page.items[0]).toMatchObject({
      clicks: 2,
      conversions: 1,
      earnings: [{ amountMinor: 100, currency: 'EUR' }],
    })
    expect(page.items[1]).toMatchObject({
      conversions: 2,
      earnings: [
        { amountMinor: 400, currency: 'EUR' },
        { amountMinor: 300, currency: 'GBP' },
      ],
    })
    expect(page.items[1]?.enrollments.map((e) => e.programName)).toEqual(['Other', 'Shop'])
    expect(page.items[2]).toMatchObject({ clicks: 0, conversions: 0, earnings: [], enrollments: [] })
  })

  it('filters partners by program, status and a literal search, and pages', async () => {
    const api = await admin.api()
    const range = { from: '2002-05-01', to: '2002-05-31' }
    const inOther = await api.partners.list({ ...range, programId: other, limit: 10 })
    expect(inOther.items.map((p) => p.id)).toEqual([ben])
    expect(inOther.items[0]?.earnings).toEqual([{ amountMinor: 300, currency: 'GBP' }])
    expect((await api.partners.list({ ...range, status: 'pending', limit: 10 })).items).toEqual([])
    expect((await api.partners.list({ search: '%_', limit: 10 })).items.map((p) => p.id)).toEqual([ana])
    const first = await api.partners.list({ limit: 2 })
    const second = await api.partners.list({ limit: 2, cursor: first.nextCursor })
    expect([...first.items, ...second.items].map((p) => p.name)).toEqual(['Ana 100%_off', 'Ben', 'Cleo'])
    expect(second.nextCursor).toBeNull()
  })

  it('lists conversions newest first with commission totals and filters', async () => {
    const api = await admin.api()
    const all = await api.conversions.list({ from: '2002-05-01', to: '2002-05-31', limit: 3 })
    expect(all.items.map((c) => c.id)).toEqual([conversions[3], conversions[2], conversions[1]])
    expect(all.items[1]).toMatchObject({
      amount: { amountMinor: 3_000, currency: 'GBP' },
      commissions: [{ amountMinor: 300, currency: 'GBP' }],
      partnerName: 'Ben',
      programName: 'Other',
    })
    expect(all.items[2]?.commissions).toEqual([])
    const rest = await api.conversions.list({
      from: '2002-05-01',
      to: '2002-05-31',
      limit: 3,
      cursor: all.nextCursor,
    })
    expect(rest.items.map((c) => c.id)).toEqual([conversions[0]])
    const rejected = await api.conversions.list({
      from: '2002-05-01',
      to: '2002-05-31',
      status: 'rejected',
      limit: 10,
    })
    expect(rejected.items.map((c) => c.id)).toEqual([conversions[1]])
    const shopOnly = await api.conversions.list({
      from: '2002-05-12',
      to: '2002-05-13',
      programId: shop,
      limit: 10,
    })
    expect(shopOnly.items.map((c) => c.id)).toEqual([conversions[3]])
  })
})
