import { emptyEventRow, insertEventRows } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { adminClient } from '../../../test-support/clients.ts'
import { insertClicks, insertLink, insertPartner, insertProgram } from '../../../test-support/fixtures.ts'
import { loggedInAdmin } from '../../../test-support/logged-in-clients.ts'

type Api = Awaited<ReturnType<ReturnType<typeof adminClient>['api']>>

describe('admin reports.* (ClickHouse rollups)', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let viewer: Api
  let program: string
  let ada: string
  let ben: string

  beforeAll(async () => {
    stores = await openTestStores()
    viewer = await (await loggedInAdmin(stores, 'viewer')).api()
    program = await insertProgram(stores, { currency: 'EUR', name: 'Shop' })
    ada = await insertPartner(stores, { name: 'Ada', programIds: [program] })
    ben = await insertPartner(stores, { name: 'Ben', programIds: [program] })
    const adaLink = await insertLink(stores, { programId: program, partnerId: ada })
    const benLink = await insertLink(stores, { programId: program, partnerId: ben })
    await insertClicks(stores, [
      { programId: program, partnerId: ada, linkId: adaLink.id, ts: '2026-04-01T10:00:00Z', sub1: 'mail' },
      {
        programId: program,
        partnerId: ada,
        linkId: adaLink.id,
        ts: '2026-04-01T11:00:00Z',
        sub1: 'mail',
        unique: false,
      },
      { programId: program, partnerId: ada, linkId: adaLink.id, ts: '2026-04-02T11:00:00Z', sub1: 'blog' },
      { programId: program, partnerId: ada, linkId: adaLink.id, ts: '2026-04-02T12:00:00Z', bot: true },
      { programId: program, partnerId: ben, linkId: benLink.id, ts: '2026-04-02T10:00:00Z' },
    ])
    const event = (over: Record<string, unknown>) => ({
      ...emptyEventRow(),
      event_id: crypto.randomUUID(),
      program_id: program,
      event_name: 'sale',
      currency: 'EUR',
      ...over,
    })
    await insertEventRows(
      stores.ch,
      [
        event({
          ts: Date.parse('2026-04-01T12:00:00Z'),
          type: 'conversion',
          partner_id: ada,
          link_id: adaLink.id,
          amount_minor: 10_000,
          commission_minor: 1_000,
          sub1: 'mail',
        }),
        event({
          ts: Date.parse('2026-04-03T12:00:00Z'),
          type: 'refund',
          partner_id: ada,
          link_id: adaLink.id,
          amount_minor: -2_500,
          commission_minor: -250,
          sub1: 'mail',
        }),
      ],
      'reports-test',
    )
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  const range = { from: '2026-04-01', to: '2026-04-30' }

  it('reports by partner with rates, EPC and refunds, sorted and paged on the server', async () => {
    const report = await viewer.reports.run({
      dimension: 'partner',
      programId: program,
      ...range,
      sort: 'clicks',
      direction: 'desc',
    })
    expect(report.total).toBe(2)
    expect(report.rows.map((r) => r.label)).toEqual(['Ada', 'Ben'])
    expect(report.rows[0]).toMatchObject({
      clicks: 3,
      uniqueClicks: 2,
      conversions: 1,
      conversionRate: 0.5,
      revenue: { amountMinor: 10_000, currency: 'EUR' },
      commission: { amountMinor: 750 },
      epc: { amountMinor: 250 },
      refunds: { amountMinor: 2_500 },
    })
    const page2 = await viewer.reports.run({
      dimension: 'partner',
      programId: program,
      ...range,
      pageSize: 1,
      page: 1,
    })
    expect(page2.rows.map((r) => r.label)).toEqual(['Ben'])
    const byDay = await viewer.reports.run({
      dimension: 'day',
      programId: program,
      ...range,
      sort: 'key',
      direction: 'asc',
    })
    expect(byDay.rows.map((r) => [r.key, r.clicks])).toEqual([
      ['2026-04-01', 2],
      ['2026-04-02', 2],
      ['2026-04-03', 0],
    ])
    const bySub = await viewer.reports.run({
      dimension: 'subid',
      programId: program,
      ...range,
      sort: 'key',
      direction: 'asc',
    })
    expect(bySub.rows.map((r) => [r.label, r.clicks, r.conversions])).toEqual([
      ['(none)', 1, 0],
      ['blog', 1, 0],
      ['mail', 2, 1],
    ])
  })

  it('exports the columns on screen as CSV, and refuses bad input', async () => {
    const csv = await viewer.reports.csv({
      dimension: 'link',
      programId: program,
      ...range,
      columns: ['clicks', 'revenue', 'epc'],
    })
    const lines = csv.content.trim().split('\r\n')
    expect(lines[0]).toBe('link,key,clicks,revenue,epc,currency')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/,3,100\.00,2\.50,EUR$/)
    await expect(
      viewer.reports.run({ dimension: 'partner', programId: program, from: '2026-04-30', to: '2026-04-01' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    await expect(
      viewer.reports.csv({ dimension: 'partner', programId: program, ...range, columns: [] }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    await expect(
      viewer.reports.run({ dimension: 'coupon' as 'day', programId: program, ...range }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
  })
})
