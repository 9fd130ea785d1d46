import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertPartner, insertUser, TEST_PASSWORD } from '../../test-support/fixtures.ts'
import {
  errorMessage,
  getQuery,
  postMutation,
  startTestPortal,
  type TrpcAnswer,
} from '../../test-support/http.ts'
import type { RunningServer } from './portal-server.ts'

/**
 * Values the databases cannot take (NUL in text, years Postgres or ClickHouse cannot store) must
 * be refused at the edge: a 400 that says what is wrong, never a 500 from deep in a query.
 */
describe('input the stores cannot take is a 400 at the edge', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let admin: RunningServer
  let partner: RunningServer
  let adminCookie: string
  let partnerCookie: string
  const uuid = '00000000-0000-4000-8000-000000000001'
  const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url')

  async function loginCookie(server: RunningServer, email: string): Promise<string> {
    const res = await postMutation(server.url, 'auth.login', { email, password: TEST_PASSWORD })
    expect(res.status).toBe(200)
    return (res.setCookies[0] ?? '').split(';')[0] ?? ''
  }

  beforeAll(async () => {
    stores = await openTestStores()
    ;[admin, partner] = await Promise.all([
      startTestPortal(stores, 'admin'),
      startTestPortal(stores, 'partner'),
    ])
    const adminUser = await insertUser(stores, { kind: 'admin', role: 'viewer' })
    const partnerUser = await insertUser(stores, { kind: 'partner', partnerId: await insertPartner(stores) })
    adminCookie = await loginCookie(admin, adminUser.email)
    partnerCookie = await loginCookie(partner, partnerUser.email)
  }, 120_000)
  afterAll(async () => {
    await Promise.allSettled([admin?.close(), partner?.close()])
    await stores?.dispose()
  })

  const adminQuery = (path: string, input: unknown) =>
    getQuery(admin.url, path, input, { cookie: adminCookie })
  const partnerQuery = (path: string, input: unknown) =>
    getQuery(partner.url, path, input, { cookie: partnerCookie })
  const expect400 = (res: TrpcAnswer, message: RegExp) => {
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(errorMessage(res)).toMatch(message)
  }

  it('refuses NUL and lone surrogates in a search', async () => {
    expect400(await adminQuery('partners.list', { search: 'ana\u0000' }), /^search: .*control characters/)
    expect400(await adminQuery('partners.list', { search: '\u0000' }), /^search: /)
    expect400(await adminQuery('partners.list', { search: 'x\uD800y' }), /^search: /)
    // An ordinary search still works.
    expect((await adminQuery('partners.list', { search: 'ana 100%_off' })).status).toBe(200)
  })

  it('refuses page cursors with NUL, in the cursor or in the key inside it', async () => {
    const invalid = /^The page cursor is not valid|^cursor: /
    expect400(await adminQuery('partners.list', { cursor: 'abc\u0000' }), invalid)
    expect400(await adminQuery('partners.list', { cursor: cursorOf(['x\u0000y', uuid]) }), invalid)
    expect400(await adminQuery('conversions.list', { ...range2025, cursor: 'a\u0000' }), invalid)
    expect400(await partnerQuery('conversions.list', { cursor: '\u0000' }), invalid)
  })

  it('refuses page cursors whose instant is outside the years the stores hold', async () => {
    const invalid = /^The page cursor is not valid/
    for (const at of ['0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      expect400(await adminQuery('conversions.list', { ...range2025, cursor: cursorOf([at, uuid]) }), invalid)
      expect400(await partnerQuery('conversions.list', { cursor: cursorOf([at, uuid]) }), invalid)
    }
  })

  const range2025 = { from: '2025-01-01', to: '2025-01-31' }
  const outOfRange = [
    { from: '0000-01-01', to: '0000-01-02' },
    { from: '9999-12-30', to: '9999-12-31' },
    { from: '1969-12-31', to: '1970-01-01' },
  ]
  const dateMessage = /^(from|to): Dates must be between 1970-01-01 and 2099-12-31/

  it('refuses days in year 0000 or 9999 on every report (admin)', async () => {
    for (const range of outOfRange) {
      expect400(await adminQuery('overview.summary', range), dateMessage)
      expect400(await adminQuery('conversions.list', range), dateMessage)
      expect400(await adminQuery('partners.list', range), dateMessage)
    }
    expect((await adminQuery('overview.summary', range2025)).status).toBe(200)
  })

  it('refuses days in year 0000 or 9999 on the partner dashboard', async () => {
    for (const range of outOfRange) expect400(await partnerQuery('dashboard.summary', range), dateMessage)
    expect((await partnerQuery('dashboard.summary', range2025)).status).toBe(200)
  })

  it('refuses a NUL in the login email with a 400, not a lookup', async () => {
    const res = await postMutation(admin.url, 'auth.login', { email: 'a\u0000@example.com', password: 'x' })
    expect400(res, /^email: /)
  })
})
