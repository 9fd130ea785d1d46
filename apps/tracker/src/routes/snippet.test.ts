import { createServer, get as httpGet, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { signClickId } from '../click-id.ts'
import type { TrackerContext } from '../context.ts'
import { HttpError } from '../http/http-error.ts'
import { handleSnippet, renderSnippet } from './snippet.ts'

const program = { programId: 'p', slug: 'shop', clickParam: 'tclid', cookieDays: 30, cookieName: 'tdm_shop' }
const SECRET = 'snippet-test-secret-0123456789abcdef'
/** Real click ids, the n-th clicked n minutes after the first. */
const ids = Array.from({ length: 10 }, (_, n) =>
  signClickId({ linkId: 7, at: Date.UTC(2026, 0, 1) + n * 60_000 }, SECRET),
)
const id = (n: number) => ids[n]!

/** A browser page just big enough for the snippet: a cookie jar with domains, a location, Image. */
function page(url: string, cookies: Record<string, string> = {}) {
  const jar = new Map(Object.entries(cookies))
  const written: string[] = []
  const requested: string[] = []
  const location = new URL(url)
  const document = {
    get cookie() {
      return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    },
    set cookie(text: string) {
      written.push(text)
      const [pair = '', ...attributes] = text.split(';').map((s) => s.trim())
      const domain = attributes.find((a) => a.startsWith('domain='))?.slice(7)
      // Browsers refuse a cookie for a public suffix ("example") or another site.
      if (domain && (!domain.includes('.') || !location.hostname.endsWith(domain))) return
      const eq = pair.indexOf('=')
      jar.set(pair.slice(0, eq), pair.slice(eq + 1))
    },
  }
  class Image {
    set src(value: string) {
      requested.push(value)
    }
  }
  const window: Record<string, unknown> = {}
  const context = { window, document, location, Image, encodeURIComponent, RegExp, String, atob }
  return {
    run: (extra = '') =>
      runInNewContext(`${extra}\n${renderSnippet(program, 'https://track.shop.example')}`, context),
    call: (code: string) => runInNewContext(code, { ...context, tandem: window.tandem }),
    jar,
    written,
    requested,
    window,
  }
}

describe('t.js', () => {
  it('stores the click id of the landing URL in a first-party cookie on the widest domain', () => {
    const p = page(`https://www.shop.example/landing?tclid=${id(1)}&utm_source=x`)
    p.run()
    expect(p.jar.get('tdm_shop')).toBe(id(1))
    const cookie = p.written.find((c) => c.includes('domain=shop.example'))!
    expect(cookie).toContain('max-age=2592000')
    expect(cookie).toContain('SameSite=Lax; Secure')
  })

  it('keeps the last five touches, oldest first, and merges the server-set cookie', () => {
    const stored = [1, 2, 3, 4, 5].map(id).join('.')
    const p = page(`https://shop.example/?tclid=${id(6)}`, { tdm_shop: stored, tdm_shop_srv: id(9) })
    p.run()
    expect(p.jar.get('tdm_shop')).toBe([2, 3, 4, 5, 6].map(id).join('.'))
    expect(p.jar.get('tdm_shop_srv')).toBe(id(9)) // never rewritten by JavaScript
    // Ordered by click time, whichever cookie holds them: the newest five.
    expect(p.call('tandem.touches()')).toEqual([3, 4, 5, 6, 9].map(id))
  })

  it('ignores what is not a click id, and sends queued conversions with the touches and coupon', () => {
    const p = page('https://shop.example/thanks?tclid=<script>', { tdm_shop: `${id(1)}.junk` })
    p.run(`window.tandem = function () { (window.tandem.q = window.tandem.q || []).push(arguments) }
      window.tandem('conversion', { order_id: 'A 1', amount: '89.90', currency: 'EUR', coupon: 'SPRING10' })`)
    expect(p.written).toHaveLength(0)
    expect(p.requested).toHaveLength(1)
    const sent = new URL(p.requested[0]!)
    expect(sent.origin + sent.pathname).toBe('https://track.shop.example/p.gif')
    expect(Object.fromEntries(sent.searchParams)).toEqual({
      type: 'conversion',
      program: 'shop',
      order_id: 'A 1',
      amount: '89.90',
      currency: 'EUR',
      coupon: 'SPRING10',
      tclid: id(1),
    })
  })
})

describe('GET /t.js caching', () => {
  /** handleSnippet behind a bare node:http server, with the router's way of answering HttpErrors. */
  async function serve(publicUrl: string | null) {
    const ctx = {
      publicUrl,
      snippetPrograms: { get: async (slug: string) => (slug === 'shop' ? program : null) },
    } as unknown as TrackerContext
    const server = createServer((req, res) => {
      const [, query = ''] = (req.url ?? '').split('?')
      handleSnippet(ctx, req, res, query).catch((error: unknown) => {
        res.writeHead(error instanceof HttpError ? error.status : 500).end(String(error))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    /** GET /t.js?program=shop with this Host header (node's client sends it as given). */
    const get = (host: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
        const req = httpGet(
          { host: '127.0.0.1', port, path: '/t.js?program=shop', headers: { host, ...headers } },
          (res) => {
            let body = ''
            res.setEncoding('utf8')
            res.on('data', (chunk: string) => {
              body += chunk
            })
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
          },
        )
        req.on('error', reject)
      })
    return { get, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
  }
  const endpointOf = (js: string) => /"endpoint":"([^"]*)"/.exec(js)?.[1]
  const varies = (headers: IncomingHttpHeaders) =>
    String(headers.vary ?? '')
      .toLowerCase()
      .split(',')
      .map((s) => s.trim())

  it('with TRACKER_PUBLIC_URL, posts to that URL whatever Host the request names', async () => {
    const s = await serve('https://track.shop.example')
    try {
      const res = await s.get('evil.example', { 'x-forwarded-proto': 'http' })
      expect(res.status).toBe(200)
      expect(endpointOf(res.body)).toBe('https://track.shop.example')
      expect(res.body).not.toContain('evil.example')
      expect(res.headers['cache-control']).toBe('public, max-age=300')
    } finally {
      await s.close()
    }
  })

  it('without it, answers per Host (Vary: Host) so a shared cache cannot serve one host another’s script', async () => {
    const s = await serve(null)
    try {
      const a = await s.get('track-a.example')
      const b = await s.get('track-b.example:8080', { 'x-forwarded-proto': 'https' })
      expect(endpointOf(a.body)).toBe('http://track-a.example')
      expect(endpointOf(b.body)).toBe('https://track-b.example:8080')
      for (const res of [a, b]) {
        expect(res.status).toBe(200)
        expect(varies(res.headers)).toEqual(expect.arrayContaining(['host', 'x-forwarded-proto']))
      }
      // A Host that is not a host name is not written into a script at all.
      expect((await s.get('a.example@evil.example')).status).toBe(400)
      expect((await s.get('evil.example/path')).status).toBe(400)
    } finally {
      await s.close()
    }
  })
})
