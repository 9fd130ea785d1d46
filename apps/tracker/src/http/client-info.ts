import { createHmac, hash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'

export type IpMode = 'hash' | 'truncate'

/**
 * Privacy-preserving client identifiers. Raw IP addresses are never stored:
 * - 'hash' (default): ip_hash = SHA-256(key, ip), 16 hex digits, with a 256-bit key derived from
 *   the secret. Stable, so fraud checks and self-referral matching work, but not reversible
 *   without the secret;
 * - 'truncate': the network part only (IPv4 /24, IPv6 /48), e.g. 203.0.113.0.
 * The visitor hash (unique clicks) is SHA-256(key, ip, user agent), 16 hex digits.
 * These are pseudonyms, not signatures: a keyed one-shot hash (a third of an HMAC's cost on the
 * hot path) is enough, since inputs are never checked against an attacker-supplied digest.
 */
export class ClientIdentity {
  private readonly key: string

  constructor(
    secret: string,
    private readonly mode: IpMode,
    private readonly trustProxy: boolean,
  ) {
    // A key of its own: the click-id key is never used for anything else.
    this.key = createHmac('sha256', secret).update('tandem:client-identity').digest('hex')
  }

  ip(req: IncomingMessage): string {
    if (this.trustProxy) {
      const forwarded = req.headers['x-forwarded-for']
      const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
      if (first && isIP(first)) return normalizeIp(first)
    }
    return normalizeIp(req.socket.remoteAddress ?? '')
  }

  ipKey(ip: string): string {
    if (ip === '') return ''
    return this.mode === 'hash' ? this.hash(`ip:${ip}`) : truncateIp(ip)
  }

  visitorHash(ip: string, userAgent: string): string {
    return this.hash(`v:${ip}\n${userAgent}`)
  }

  /** Country from a trusted edge header (Cloudflare, most CDNs), else ''. */
  country(req: IncomingMessage): string {
    if (!this.trustProxy) return ''
    const value = req.headers['cf-ipcountry'] ?? req.headers['x-country-code']
    const code = (Array.isArray(value) ? value[0] : value)?.toUpperCase()
    return code && /^[A-Z]{2}$/.test(code) ? code : ''
  }

  private hash(text: string): string {
    return hash('sha256', `${this.key}\n${text}`, 'hex').slice(0, 16)
  }
}

function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip
}

export function truncateIp(ip: string): string {
  const version = isIP(ip)
  if (version === 4) return `${ip.split('.').slice(0, 3).join('.')}.0`
  if (version === 6) {
    const [head = ''] = ip.split('::')
    const groups = head.split(':').filter((g) => g.length > 0)
    const full = ip.includes('::') ? [...groups, '0', '0', '0'].slice(0, 3) : ip.split(':').slice(0, 3)
    return `${full.join(':')}::`
  }
  return ''
}

/** A coarse device class for reports; bots are classified by core's fraud check, not here. */
export function deviceClass(userAgent: string): 'mobile' | 'tablet' | 'desktop' | 'unknown' {
  if (userAgent === '') return 'unknown'
  if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(userAgent)) return 'tablet'
  if (/Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|Opera Mini/i.test(userAgent)) return 'mobile'
  return 'desktop'
}
