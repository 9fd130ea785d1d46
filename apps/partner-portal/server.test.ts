import { randomUUID } from 'node:crypto'
import type { RunningServer } from '@tandem/api/server'
import { hashPassword } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPartnerPortalServer } from './server.ts'

const quiet = { error: () => {}, warn: () => {} }

describe('partner portal server over real HTTP', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let server: RunningServer
  let partnerId: string
  let linkCode: string

  beforeAll(async () => {
    stores = await openTestStores()
    const hash = await hashPassword('s3cret-pass')
    const program = await stores.db
      .insertInto('programs')
      .values({
        slug: `shop-${randomUUID()}`,
        name: 'Shop',
        kind: 'affiliate',
        currency: 'EUR',
        attribution: {},
        rewards: null,
        fraud: {},
        default_landing_url: 'https://shop.example/',
        postback_token: 't',
        postback_hmac_secret: 's',
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const partner = await stores.db
      .insertInto('partners')
      .values({
        type: 'affiliate',
        name: 'Pat Partner',
        email: 'pat@partner.example',
        email_hash: 'x',
        country: null,
        parent_partner_id: null,
        payout_method: null,
        payout_details: null,
        payout_currency: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    partnerId = partner.id
    linkCode = `pat-${randomUUID().slice(0, 8)}`
    await stores.db
      .insertInto('links')
      .values({
        program_id: program.id,
        partner_id: partnerId,
        code: linkCode,
        destination_url: 'https://shop.example/',
      })
      .execute()
    await stores.db
      .insertInto('users')
      .values([
        {
          email: 'pat@partner.example',
          password_hash: hash,
          name: 'Pat',
          kind: 'partner',
          admin_role: null,
          partner_id: partnerId,
        },
        {
          email: 'boss@shop.example',
          password_hash: hash,
          name: 'Boss',
          kind: 'admin',
          admin_role: 'owner',
          partner_id: null,
        },
      ])
      .execute()
    server = await startPartnerPortalServer({
      stores,
      port: 0,
      host: '127.0.0.1',
      trackerUrl: 'https://go.example/',
      staticDir: '/nonexistent',
      logger: quiet,
    })
  }, 120_000)
  afterAll(async () => {
    await server?.close()
    await stores?.dispose()
  })

  const login = (email: string) =>
    fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 's3cret-pass' }),
    })

  it('logs a partner in with its own cookie, serves its data, and logs it out', async () => {
    const res = await login('pat@partner.example')
    expect(res.status).toBe(200)
    const [cookie = ''] = res.headers.getSetCookie()
    expect(cookie).toMatch(/^tandem_partner=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/)
    const pair = cookie.split(';')[0] ?? ''

    const links = await fetch(`${server.url}/trpc/links.list`, { headers: { cookie: pair } })
    expect(await links.json()).toMatchObject({
      result: { data: [{ code: linkCode, trackingUrl: `https://go.example/r/${linkCode}`, clicks30d: 0 }] },
    })
    // A batched GET, as the SPA's httpBatchLink sends it.
    const input = encodeURIComponent(JSON.stringify({ 0: { from: '2030-01-01', to: '2030-01-03' } }))
    const batch = await fetch(`${server.url}/trpc/dashboard.summary,auth.me?batch=1&input=${input}`, {
      headers: { cookie: pair },
    })
    const [summary, me] = (await batch.json()) as [{ result: { data: { byDay: unknown[] } } }, unknown]
    expect(summary.result.data.byDay).toHaveLength(3)
    expect(me).toMatchObject({ result: { data: { user: { partnerId, partnerName: 'Pat Partner' } } } })

    const out = await fetch(`${server.url}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie: pair, 'content-type': 'application/json' },
    })
    expect(out.headers.getSetCookie()[0]).toMatch(/^tandem_partner=; .*Max-Age=0/)
    expect((await fetch(`${server.url}/trpc/links.list`, { headers: { cookie: pair } })).status).toBe(401)
  })

  it('refuses an admin account with a clear message and no cookie', async () => {
    const res = await login('boss@shop.example')
    expect(res.status).toBe(403)
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'This is an admin account: log in on the admin portal',
    )
    expect(res.headers.getSetCookie()).toEqual([])
  })

  it('says so when the UI is not built', async () => {
    const res = await fetch(`${server.url}/links`)
    expect(res.status).toBe(503)
    expect(await res.text()).toBe('partner portal UI is not built: run pnpm build')
  })
})
