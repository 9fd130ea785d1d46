import { BlockList, isIP, isIPv4 } from 'node:net'

/**
 * Which peers are proxies of ours (TRUSTED_PROXIES): only their X-Forwarded-For / X-Forwarded-Host
 * are believed. Entries are addresses or CIDR ranges, already validated by readPortalEnv.
 */
export class TrustedProxies {
  readonly #list = new BlockList()
  readonly #empty: boolean

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix] = entry.split('/')
      const family = isIPv4(address) ? 'ipv4' : 'ipv6'
      if (prefix === undefined) this.#list.addAddress(address, family)
      else this.#list.addSubnet(address, Number(prefix), family)
    }
    this.#empty = entries.length === 0
  }

  get empty(): boolean {
    return this.#empty
  }

  has(address: string): boolean {
    if (this.#empty) return false
    const plain = unmapIPv4(address)
    const family = isIP(plain)
    if (family === 0) return false
    return this.#list.check(plain, family === 4 ? 'ipv4' : 'ipv6')
  }
}

/** '::ffff:10.0.0.1' (an IPv4 peer on a dual-stack socket) → '10.0.0.1'. */
export function unmapIPv4(address: string): string {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)
  return m?.[1] ?? address
}

/** An X-Forwarded-For entry: "203.0.113.7", "[2001:db8::1]:443", "203.0.113.7:5000" → the address. */
function forwardedAddress(entry: string): string | null {
  let value = entry.trim()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value)
  if (bracketed) value = bracketed[1] ?? ''
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'))
  value = unmapIPv4(value)
  return isIP(value) === 0 ? null : value.toLowerCase()
}

/**
 * The client's address. Without trusted proxies it is the socket's peer, whatever the headers say.
 * When the peer is a trusted proxy, X-Forwarded-For is read from the right (the hop our proxy
 * appended) leftwards, skipping trusted proxies: the first address that is not one of ours is the
 * client. What a client wrote at the left of the header itself is never reached while an untrusted
 * hop stands to its right.
 */
export function clientAddressOf(
  socketAddress: string | undefined,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string | null {
  if (!socketAddress) return null
  let client = unmapIPv4(socketAddress).toLowerCase()
  if (!trusted.has(client) || !forwardedFor) return client
  const hops = forwardedFor.split(',')
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = forwardedAddress(hops[i] ?? '')
    if (hop === null) break // garbage: the last good hop is as far as we can trust
    client = hop
    if (!trusted.has(hop)) break
  }
  return client
}

/**
 * The key an address is limited by: an IPv4 address as it is, an IPv6 address by its /64 (one
 * subscriber usually gets a whole /64, so single addresses would be free to rotate).
 */
export function addressLimitKey(address: string): string {
  if (isIP(address) !== 6) return address
  const [head = '', tail = ''] = address.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : []
  // An embedded IPv4 tail (::ffff:1.2.3.4 is unmapped earlier; others are rare) counts as two groups.
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
