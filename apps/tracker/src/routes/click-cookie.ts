import type { IncomingMessage } from 'node:http'
import type { TrackedLink } from '../links/tracked-link.ts'

const CLICK_ID = /^[A-Za-z0-9_-]{40}$/
/** Touches kept per program for multi-touch attribution. */
export const MAX_TOUCHES = 5

/**
 * The server-set first-party cookie. When the tracker is served on a subdomain of the merchant
 * (track.shop.example, a CNAME) and the request's host is inside one of the program's allowed
 * domains, the redirect sets `tdm_<program>_srv` on that domain with Set-Cookie: a cookie set by
 * the server lives for the program's window, where Safari caps cookies written by JavaScript at
 * 7 days. Its value keeps the last MAX_TOUCHES click ids ('.'-separated), oldest first.
 */
export function clickCookieHeader(req: IncomingMessage, link: TrackedLink, clickId: string): string | null {
  const domains = link.program.allowedDomains
  if (domains.length === 0) return null
  const domain = cookieDomain(domains, req.headers.host ?? '')
  if (!domain) return null
  const name = `${link.program.cookieName}_srv`
  const touches = [...readTouches(req.headers.cookie, name).filter((id) => id !== clickId), clickId]
  const value = touches.slice(-MAX_TOUCHES).join('.')
  const secure = isHttps(req) ? '; Secure' : ''
  return `${name}=${value}; Domain=${domain}; Path=/; Max-Age=${link.program.cookieDays * 86_400}; SameSite=Lax${secure}`
}

/** Per list of allowed domains: Host header → the domain to set the cookie on (null: none). */
const domainsByHost = new WeakMap<readonly string[], Map<string, string | null>>()
/** Hosts remembered per list; a flood of made-up Host headers only empties the memo. */
const MAX_HOSTS = 256

/**
 * The allowed domain the request's host is (or is a subdomain of). A tracker answers on a few
 * hosts, so the answer is remembered per host instead of worked out on every click.
 */
function cookieDomain(domains: readonly string[], hostHeader: string): string | null {
  let memo = domainsByHost.get(domains)
  if (!memo) {
    memo = new Map()
    domainsByHost.set(domains, memo)
  }
  let domain = memo.get(hostHeader)
  if (domain === undefined) {
    const host = hostHeader.split(':')[0]!.toLowerCase()
    domain = domains.find((d) => host === d || host.endsWith(`.${d}`)) ?? null
    if (memo.size >= MAX_HOSTS) memo.clear()
    memo.set(hostHeader, domain)
  }
  return domain
}

export function readTouches(cookieHeader: string | undefined, name: string): string[] {
  if (!cookieHeader) return []
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue
    return part
      .slice(eq + 1)
      .trim()
      .split('.')
      .filter((id) => CLICK_ID.test(id))
  }
  return []
}

function isHttps(req: IncomingMessage): boolean {
  return (
    (req.socket as { encrypted?: boolean }).encrypted === true || req.headers['x-forwarded-proto'] === 'https'
  )
}
