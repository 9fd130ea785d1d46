import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { signClickId } from '../click-id.ts'
import { renderSnippet } from './snippet.ts'

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
