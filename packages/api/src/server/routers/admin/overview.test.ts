import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { adminClient } from '../../../test-support/clients.ts'
import { insertProgram } from '../../../test-support/fixtures.ts'
import { loggedInAdmin } from '../../../test-support/logged-in-clients.ts'

// The numbers are tested next to the read model (packages/db overview-queries.test.ts); this is
// the procedure's edge: input validation and the repository's "no such program" as NOT_FOUND.
describe('admin overview.summary', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let admin: ReturnType<typeof adminClient>
  let program: string

  beforeAll(async () => {
    stores = await openTestStores()
    program = await insertProgram(stores, { currency: 'USD' })
    admin = await loggedInAdmin(stores)
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it("answers with the program's summary", async () => {
    const api = await admin.api()
    const summary = await api.overview.summary({ from: '2001-01-01', to: '2001-01-02', programId: program })
    expect(summary).toMatchObject({ conversions: 0, chartCurrency: 'USD' })
    expect(summary.byDay.map((d) => d.day)).toEqual(['2001-01-01', '2001-01-02'])
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
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Program not found' })
  })
})
