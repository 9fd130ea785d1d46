import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsp, startTestPortal } from '../../test-support/http.ts'
import type { RunningServer } from './portal-server.ts'
import { serveSpa } from './serve-spa.ts'

describe('portal security headers', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let server: RunningServer
  const dist = mkdtempSync(join(tmpdir(), 'tandem-headers-dist-'))

  beforeAll(async () => {
    stores = await openTestStores()
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>portal</title>')
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")\n')
    // A build that did emit source maps: they are still not served.
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js.map'), '{"version":3,"sources":["secret.ts"]}')
    writeFileSync(join(dist, 'index.js.map'), '{"version":3}')
    server = await startTestPortal(stores, 'admin', { serveUi: serveSpa(dist, 'admin') })
  }, 120_000)
  afterAll(async () => {
    await server?.close()
    await stores?.dispose()
    rmSync(dist, { recursive: true, force: true })
  })

  it('sends a Content-Security-Policy without inline script on pages, assets and API answers', async () => {
    for (const path of ['/', '/partners', '/assets/index-Ab12Cd34.js', '/trpc/auth.me', '/healthz']) {
      const res = await fetch(`${server.url}${path}`)
      const csp = parseCsp(res.headers.get('content-security-policy'))
      expect(csp.get('default-src'), path).toEqual(["'self'"])
      expect(csp.get('script-src'), path).toEqual(["'self'"])
      expect(csp.get('object-src'), path).toEqual(["'none'"])
      expect(csp.get('base-uri'), path).toEqual(["'none'"])
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"])
      expect(csp.get('form-action'), path).toEqual(["'self'"])
      expect(csp.get('connect-src'), path).toEqual(["'self'"])
      for (const sources of csp.values()) {
        expect(sources).not.toContain("'unsafe-eval'")
        expect(sources).not.toContain('*')
      }
      expect([...(csp.get('script-src') ?? [])]).not.toContain("'unsafe-inline'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('sends HSTS only when the portal is reached over https', async () => {
    const plain = await fetch(`${server.url}/`)
    expect(plain.headers.get('strict-transport-security')).toBeNull()
    const tls = await fetch(`${server.url}/`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(tls.headers.get('strict-transport-security')).toBe('max-age=31536000')
    const api = await fetch(`${server.url}/trpc/auth.me`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(api.headers.get('strict-transport-security')).toBe('max-age=31536000')
  })

  it('never serves source maps, even when the build left some', async () => {
    for (const path of ['/assets/index-Ab12Cd34.js.map', '/index.js.map', '/assets/missing.js.map']) {
      const res = await fetch(`${server.url}${path}`)
      expect(res.status, path).toBe(404)
      expect(await res.text(), path).not.toContain('secret.ts')
    }
    expect((await fetch(`${server.url}/assets/index-Ab12Cd34.js`)).status).toBe(200)
  })
})
