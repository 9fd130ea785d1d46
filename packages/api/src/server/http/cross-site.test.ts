import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertPartner, insertUser, TEST_PASSWORD } from '../../test-support/fixtures.ts'
import { errorMessage, getQuery, postMutation, startTestPortal } from '../../test-support/http.ts'
import type { RunningServer } from './portal-server.ts'

/**
 * A foreign page can make a logged-in browser send requests to a portal (cookies are SameSite=Lax,
 * which still lets same-site pages and some top-level posts through). Mutations must be JSON and
 * come from the portal's own origin; each case is checked against a live session.
 */
describe('cross-site requests to the portals', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let admin: RunningServer
  let partner: RunningServer
  let adminEmail: string
  let partnerEmail: string

  beforeAll(async () => {
    stores = await openTestStores()
    adminEmail = (await insertUser(stores, { kind: 'admin', role: 'owner' })).email
    partnerEmail = (await insertUser(stores, { kind: 'partner', partnerId: await insertPartner(stores) }))
      .email
    ;[admin, partner] = await Promise.all([
      startTestPortal(stores, 'admin'),
      startTestPortal(stores, 'partner'),
    ])
  }, 120_000)
  afterAll(async () => {
    await Promise.allSettled([admin?.close(), partner?.close()])
    await stores?.dispose()
  })

  const portals = () => [
    { name: 'admin', server: admin, email: adminEmail },
    { name: 'partner', server: partner, email: partnerEmail },
  ]

  /** Logs in (as the SPA does) and returns the Cookie header value. */
  async function session(server: RunningServer, email: string): Promise<string> {
    const res = await postMutation(
      server.url,
      'auth.login',
      { email, password: TEST_PASSWORD },
      { origin: server.url, 'sec-fetch-site': 'same-origin' },
    )
    expect(res.status).toBe(200)
    return (res.setCookies[0] ?? '').split(';')[0] ?? ''
  }
  const stillLoggedIn = async (server: RunningServer, cookie: string) => {
    const me = await getQuery(server.url, 'auth.me', undefined, { cookie })
    return (me.body as { result?: { data?: { user: unknown } } }).result?.data?.user !== null
  }

  it('refuses a multipart/form-data logout (an HTML form on a foreign page)', async () => {
    for (const { server, email } of portals()) {
      const cookie = await session(server, email)
      const form = new FormData()
      form.set('x', '1')
      const res = await fetch(`${server.url}/trpc/auth.logout`, {
        method: 'POST',
        headers: { cookie },
        body: form,
      })
      expect(res.status).toBe(415)
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        'Send mutations as application/json',
      )
      expect(res.headers.getSetCookie()).toEqual([])
      expect(await stillLoggedIn(server, cookie)).toBe(true)
    }
  })

  it('refuses the other body types a form or a beacon can send', async () => {
    for (const { server, email } of portals()) {
      const cookie = await session(server, email)
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
        const res = await fetch(`${server.url}/trpc/auth.logout`, {
          method: 'POST',
          headers: { cookie, 'content-type': type },
          body: '{}',
        })
        expect(res.status, type).toBe(415)
      }
      const bare = await fetch(`${server.url}/trpc/auth.logout`, { method: 'POST', headers: { cookie } })
      expect(bare.status).toBe(415)
      expect(await stillLoggedIn(server, cookie)).toBe(true)
    }
  })

  it('refuses a JSON mutation from another origin, by Origin or by Sec-Fetch-Site', async () => {
    for (const { server, email } of portals()) {
      const cookie = await session(server, email)
      const foreign: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        // Another port of the same host is another origin (the other portal, say).
        { origin: server.url.replace(/:\d+$/, ':1') },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site', origin: 'https://evil.example' },
        { 'sec-fetch-site': 'same-site' },
      ]
      for (const headers of foreign) {
        const res = await postMutation(server.url, 'auth.logout', undefined, { cookie, ...headers })
        expect(res.status, JSON.stringify(headers)).toBe(403)
        expect(errorMessage(res)).toBe('Cross-site requests are not accepted')
        expect(res.setCookies).toEqual([])
      }
      // A login from a foreign page is refused before any password is checked.
      const foreignLogin = await postMutation(
        server.url,
        'auth.login',
        { email, password: TEST_PASSWORD },
        { origin: 'https://evil.example' },
      )
      expect(foreignLogin.status).toBe(403)
      expect(foreignLogin.setCookies).toEqual([])
      expect(await stillLoggedIn(server, cookie)).toBe(true)
    }
  })

  it('accepts JSON mutations from the portal itself and from clients that are not browsers', async () => {
    for (const { server, email } of portals()) {
      // The SPA in a browser: same origin.
      let cookie = await session(server, email)
      const own = await postMutation(server.url, 'auth.logout', undefined, {
        cookie,
        origin: server.url,
        'sec-fetch-site': 'same-origin',
      })
      expect(own.status).toBe(200)
      expect(await stillLoggedIn(server, cookie)).toBe(false)
      // A browser that sends Origin but not Sec-Fetch-Site (older Safari): Origin matches Host.
      cookie = await session(server, email)
      const charset = await postMutation(server.url, 'auth.logout', undefined, {
        cookie,
        origin: server.url,
        'content-type': 'application/json; charset=utf-8',
      })
      expect(charset.status).toBe(200)
      // A script (curl, a test): neither header, so no browser to forge it.
      cookie = await session(server, email)
      expect((await postMutation(server.url, 'auth.logout', undefined, { cookie })).status).toBe(200)
    }
  })

  it('leaves queries alone (a foreign page cannot read their answers)', async () => {
    const cookie = await session(admin, adminEmail)
    const res = await getQuery(admin.url, 'auth.me', undefined, { cookie, 'sec-fetch-site': 'cross-site' })
    expect(res.status).toBe(200)
  })
})
