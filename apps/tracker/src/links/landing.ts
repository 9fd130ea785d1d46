/** Query parameters a click carries through to the landing page. */
export const PASSTHROUGH_KEYS = [
  'sub1',
  'sub2',
  'sub3',
  'sub4',
  'sub5',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
] as const
export type PassthroughKey = (typeof PASSTHROUGH_KEYS)[number]

/** A destination URL split once at load time, so the click path appends with string concatenation. */
export interface Landing {
  /** The URL up to (not including) the fragment. */
  base: string
  hasQuery: boolean
  fragment: string
  /** Parameter names the destination already has (those take the slow path through URL). */
  existing: ReadonlySet<string>
}

export function parseLanding(destination: string): Landing | null {
  let url: URL
  try {
    url = new URL(destination)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  const fragment = url.hash
  url.hash = ''
  const base = url.toString()
  return { base, hasQuery: url.search.length > 0, fragment, existing: new Set(url.searchParams.keys()) }
}

/**
 * The Location of a click: the destination plus the signed click id (under the program's
 * parameter name) and the sub-ids and UTM parameters the click came with.
 */
export function landingUrl(
  landing: Landing,
  clickParam: string,
  clickId: string,
  carried: Partial<Record<PassthroughKey, string>> | null,
): string {
  if (carried === null && !landing.existing.has(clickParam)) {
    // Most clicks carry nothing: skip the per-key lookups.
    return `${landing.base}${landing.hasQuery ? '&' : '?'}${encodeURIComponent(clickParam)}=${clickId}${landing.fragment}`
  }
  carried ??= {}
  let clash = landing.existing.has(clickParam)
  for (const key of PASSTHROUGH_KEYS)
    if (carried[key] !== undefined && landing.existing.has(key)) clash = true
  if (clash) {
    // Rare: the destination already names one of the parameters; the click's value wins.
    const url = new URL(landing.base + landing.fragment)
    url.searchParams.set(clickParam, clickId)
    for (const key of PASSTHROUGH_KEYS) {
      const value = carried[key]
      if (value !== undefined) url.searchParams.set(key, value)
    }
    return url.toString()
  }
  let out = `${landing.base}${landing.hasQuery ? '&' : '?'}${encodeURIComponent(clickParam)}=${clickId}`
  for (const key of PASSTHROUGH_KEYS) {
    const value = carried[key]
    if (value !== undefined) out += `&${key}=${encodeURIComponent(value)}`
  }
  return out + landing.fragment
}

/**
 * A program's allowed domains, and whether deep links may go to their subdomains. An array with a
 * flag, so the click path passes it as it always did (and the cookie code still reads a list).
 */
export type AllowedDomains = readonly string[] & { readonly subdomains?: boolean }

export function allowedDomains(domains: readonly string[], subdomains: boolean): AllowedDomains {
  return Object.assign(
    domains.map((d) => d.toLowerCase()),
    { subdomains },
  )
}

/**
 * A deep link (?url=) is followed only to an http(s) URL, without user-info, whose host is one of
 * the program's allowed domains exactly; a subdomain only when the program opted into subdomains
 * (otherwise any forgotten or user-content subdomain of a listed domain would be a redirect target).
 */
export function allowedDeepLink(raw: string, allowed: AllowedDomains): Landing | null {
  if (allowed.length === 0 || raw.length > 2048) return null
  const landing = parseLanding(raw)
  if (!landing) return null
  const parsed = new URL(landing.base)
  const host = parsed.hostname.toLowerCase()
  const subdomains = allowed.subdomains === true
  const ok = allowed.some((domain) => host === domain || (subdomains && host.endsWith(`.${domain}`)))
  if (!ok) return null
  // Userinfo (https://allowed.com@evil.com is parsed right by URL, but refuse it anyway).
  if (parsed.username !== '' || parsed.password !== '') return null
  return landing
}
