import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunningServer } from '@tandem/api/server'
import { hashPassword } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAdminServer } from './server.ts'
import viteConfig from './vite.config.ts'

const quiet = { error: () => {}, warn: () => {} }

describe('admin server over real HTTP', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let server: RunningServer
  let bare: RunningServer
  const dist = mkdtempSync(join(tmpdir(), 'tandem-admin-dist-'))

  beforeAll(async () => {
    stores = await openTestStores()
    await stores.db
      .insertInto('users')
      .values({
        email: 'owner@shop.example',
        password_hash: await hashPassword('s3cret-pass'),
        name: 'Olive Owner',
        kind: 'admin',
        admin_role: 'owner',
        partner_id: null,
      })
      .execute()
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tandem admin</title>')
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")')
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js.map'), '{"version":3,"sources":["../src/app.tsx"]}')
    server = await startAdminServer({
      stores,
      port: 0,
      host: '127.0.0.1',
      trackerUrl: 'https://go.example',
      staticDir: dist,
      logger: quiet,
    })
    bare = await startAdminServer({
      stores,
      port: 0,
      host: '127.0.0.1',
      trackerUrl: 'https://go.example',
      staticDir: join(dist, 'missing'),
      logger: quiet,
    })
  }, 120_000)
  afterAll(async () => {
    await Promise.allSettled([server?.close(), bare?.close()])
    await stores?.dispose()
    rmSync(dist, { recursive: true, force: true })
  })

  const login = (headers: Record<string, string> = {}) =>
    fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email: 'owner@shop.example', password: 's3cret-pass' }),
    })

  it('sets an HttpOnly SameSite=Lax session cookie on login and clears it on logout', async () => {
    const res = await login()
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      result: { data: { user: { email: 'owner@shop.example', kind: 'admin' } } },
    })
    const [cookie = ''] = res.headers.getSetCookie()
    expect(cookie).toMatch(/^tandem_admin=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/)
    const pair = cookie.split(';')[0] ?? ''

    const me = await fetch(`${server.url}/trpc/auth.me`, { headers: { cookie: pair } })
    expect(await me.json()).toMatchObject({
      result: { data: { user: { name: 'Olive Owner', adminRole: 'owner' } } },
    })
    const programs = await fetch(`${server.url}/trpc/programs.list`, { headers: { cookie: pair } })
    expect(programs.status).toBe(200)

    const out = await fetch(`${server.url}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie: pair, 'content-type': 'application/json' },
    })
    expect(out.status).toBe(200)
    const [cleared = ''] = out.headers.getSetCookie()
    expect(cleared).toMatch(/^tandem_admin=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=/)
    const after = await fetch(`${server.url}/trpc/auth.me`, { headers: { cookie: pair } })
    expect(await after.json()).toMatchObject({ result: { data: { user: null } } })
  })

  it('marks the cookie Secure behind an https proxy', async () => {
    const res = await login({ 'x-forwarded-proto': 'https' })
    expect(res.headers.getSetCookie()[0]).toMatch(/; Secure$/)
  })

  it('answers 401 without a session and 400 on bad input, without stack traces', async () => {
    const anonymous = await fetch(`${server.url}/trpc/programs.list`)
    expect(anonymous.status).toBe(401)
    const body = (await anonymous.json()) as { error: { message: string; data: Record<string, unknown> } }
    expect(body.error.message).toBe('Please log in')
    expect(body.error.data).not.toHaveProperty('stack')

    const bad = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nope', password: '' }),
    })
    expect(bad.status).toBe(400)
    const badBody = (await bad.json()) as { error: { message: string; data: Record<string, unknown> } }
    expect(badBody.error.message).toBe('email: Enter a valid email address; password: Enter your password')
    expect(badBody.error.data).not.toHaveProperty('stack')

    const notJson = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    })
    expect(notJson.status).toBe(400)
    expect(await fetch(`${server.url}/trpc/no.such.procedure`)).toHaveProperty('status', 404)
  })

  it('answers wrong credentials with 401 and the same message', async () => {
    const res = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@shop.example', password: 'wrong' }),
    })
    expect(res.status).toBe(401)
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'Email or password is incorrect',
    )
    expect(res.headers.getSetCookie()).toEqual([])
  })

  it('reports health', async () => {
    const res = await fetch(`${server.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  it('serves the SPA with a fallback to index.html and immutable hashed assets', async () => {
    const root = await fetch(`${server.url}/`)
    expect(root.status).toBe(200)
    expect(await root.text()).toContain('Tandem admin')
    expect(root.headers.get('cache-control')).toBe('no-cache')
    const deep = await fetch(`${server.url}/partners?status=pending`)
    expect(deep.status).toBe(200)
    expect(await deep.text()).toContain('Tandem admin')
    const asset = await fetch(`${server.url}/assets/index-Ab12Cd34.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect((await fetch(`${server.url}/assets/missing-0000.js`)).status).toBe(404)
  })

  it('says so when the UI is not built', async () => {
    const res = await fetch(`${bare.url}/`)
    expect(res.status).toBe(503)
    expect(await res.text()).toBe('admin UI is not built: run pnpm build')
    expect((await fetch(`${bare.url}/healthz`)).status).toBe(200)
  })

  it('sends a Content-Security-Policy with no inline script, and HSTS only over https', async () => {
    const page = await fetch(`${server.url}/`)
    const csp = directives(page.headers.get('content-security-policy'))
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(page.headers.get('strict-transport-security')).toBeNull()
    const tls = await fetch(`${server.url}/`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(tls.headers.get('strict-transport-security')).toBe('max-age=31536000')
  })

  it('serves no source maps, and its production build emits none', async () => {
    expect((await fetch(`${server.url}/assets/index-Ab12Cd34.js.map`)).status).toBe(404)
    expect(viteConfig.build?.sourcemap).toBe(false)
  })

  it('refuses a logout posted as a form or from another origin', async () => {
    const pair = ((await login()).headers.getSetCookie()[0] ?? '').split(';')[0] ?? ''
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
      headers: { cookie: pair, 'content-type': 'application/json', origin: 'https://evil.example' },
    })
    expect(foreign.status).toBe(403)
    const me = await fetch(`${server.url}/trpc/auth.me`, { headers: { cookie: pair } })
    expect(await me.json()).toMatchObject({ result: { data: { user: { email: 'owner@shop.example' } } } })
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
