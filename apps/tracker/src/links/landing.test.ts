import { describe, expect, it } from 'vitest'
import { allowedDeepLink, allowedDomains, landingUrl, parseLanding } from './landing.ts'

describe('landing URLs', () => {
  it('appends the click id and carried parameters before the fragment', () => {
    const landing = parseLanding('https://shop.example/p?ref=1#reviews')!
    expect(landingUrl(landing, 'tclid', 'ID', { sub1: 'a&b', utm_source: 'x y' })).toBe(
      'https://shop.example/p?ref=1&tclid=ID&sub1=a%26b&utm_source=x%20y#reviews',
    )
    expect(landingUrl(parseLanding('https://shop.example')!, 'aff_click', 'ID', {})).toBe(
      'https://shop.example/?aff_click=ID',
    )
  })

  it('lets the click win when the destination already has one of the parameters', () => {
    const landing = parseLanding('https://shop.example/?sub1=old&tclid=stale')!
    const url = new URL(landingUrl(landing, 'tclid', 'ID', { sub1: 'new' }))
    expect(url.searchParams.getAll('tclid')).toEqual(['ID'])
    expect(url.searchParams.getAll('sub1')).toEqual(['new'])
  })

  it('refuses destinations that are not http(s)', () => {
    for (const bad of ['javascript:alert(1)', 'ftp://x/', 'not a url', 'data:text/html,x'])
      expect(parseLanding(bad)).toBeNull()
  })

  it('follows deep links only to the exact allowed hosts, subdomains only when the program opts in', () => {
    const exact = allowedDomains(['Shop.Example'], false)
    expect(allowedDeepLink('https://shop.example/a', exact)).not.toBeNull()
    expect(allowedDeepLink('https://SHOP.example/a', exact)).not.toBeNull()
    expect(allowedDeepLink('https://www.shop.example/a', exact)).toBeNull()
    expect(allowedDeepLink('https://user-content.shop.example/a', ['shop.example'])).toBeNull()
    const withSubdomains = allowedDomains(['shop.example'], true)
    expect(allowedDeepLink('https://www.shop.example/a', withSubdomains)).not.toBeNull()
    for (const domains of [exact, withSubdomains]) {
      for (const bad of [
        'https://shop.example.evil/',
        'https://evilshop.example/',
        'https://user@shop.example/',
        'http://evil/?shop.example',
      ]) {
        expect(allowedDeepLink(bad, domains), bad).toBeNull()
      }
    }
    expect(allowedDeepLink('https://shop.example/', allowedDomains([], true))).toBeNull()
  })
})
