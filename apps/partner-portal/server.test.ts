import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningServer } from '@tandem/api/server'
import { hashPassword } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPartnerPortalServer } from './server.ts'
import viteConfig from './vite.config.ts'

const quiet = { error: () => {}, warn: () => {} }

describe('partner portal server over real HTTP', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let server: RunningServer
  let built: RunningServer
  const dist = mkdtempSync(join(tmpdir(), 'tandem-partner-dist-'))
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
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tandem partner portal</title>')
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'assets', 'index-Zz98Yy76.js'), 'console.log("app")')
    writeFileSync(join(dist, 'assets', 'index-Zz98Yy76.js.map'), '{"version":3,"sources":["../src/app.tsx"]}')
    built = await startPartnerPortalServer({
      stores,
      port: 0,
      host: '127.0.0.1',
      trackerUrl: 'https://go.example/',
      staticDir: dist,
      logger: quiet,
    })
  }, 120_000)
  afterAll(async () => {
    await Promise.allSettled([server?.close(), built?.close()])
    await stores?.dispose()
    rmSync(dist, { recursive: true, force: true })
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
    // A batched GET, as the SPA's httpBatchLink sends it (auth.* calls go alone: never batched).
    const input = encodeURIComponent(JSON.stringify({ 0: { from: '2030-01-01', to: '2030-01-03' } }))
    const batch = await fetch(`${server.url}/trpc/dashboard.summary,links.list?batch=1&input=${input}`, {
      headers: { cookie: pair },
    })
    const [summary, batchedLinks] = (await batch.json()) as [
      { result: { data: { byDay: unknown[] } } },
      { result: { data: unknown[] } },
    ]
    expect(summary.result.data.byDay).toHaveLength(3)
    expect(batchedLinks.result.data).toHaveLength(1)
    const me = await fetch(`${server.url}/trpc/auth.me`, { headers: { cookie: pair } })
    expect(await me.json()).toMatchObject({
      result: { data: { user: { partnerId, partnerName: 'Pat Partner' } } },
    })
    const batchedMe = await fetch(`${server.url}/trpc/links.list,auth.me?batch=1`, {
      headers: { cookie: pair },
    })
    expect(batchedMe.status).toBe(400)

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

  it('sends a Content-Security-Policy with no inline script, and HSTS only over https', async () => {
    for (const portal of [server, built]) {
      const page = await fetch(`${portal.url}/links`)
      const csp = directives(page.headers.get('content-security-policy'))
      expect(csp.get('script-src')).toEqual(["'self'"])
      expect(csp.get('default-src')).toEqual(["'self'"])
      expect(csp.get('frame-ancestors')).toEqual(["'none'"])
      expect(page.headers.get('strict-transport-security')).toBeNull()
    }
    const tls = await fetch(`${built.url}/`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(tls.status).toBe(200)
    expect(tls.headers.get('strict-transport-security')).toBe('max-age=31536000')
  })

  it('serves no source maps, and its production build emits none', async () => {
    expect((await fetch(`${built.url}/assets/index-Zz98Yy76.js`)).status).toBe(200)
    expect((await fetch(`${built.url}/assets/index-Zz98Yy76.js.map`)).status).toBe(404)
    expect(viteConfig.build?.sourcemap).toBe(false)
  })

  it('refuses a logout posted as a form or from another origin', async () => {
    const pair = ((await login('pat@partner.example')).headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
    const form = new FormData()
    form.set('a', '1')
    const asForm = await fetch(`${server.url}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie: pair },
      body: form,
    })
    expect(asForm.status).toBe(415)
    const foreign = await fetch(`${server.url}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie: pair, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    })
    expect(foreign.status).toBe(403)
    expect((await fetch(`${server.url}/trpc/links.list`, { headers: { cookie: pair } })).status).toBe(200)
  })
})

/** Content-Security-Policy → directive name → sources. */
function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  )
}
