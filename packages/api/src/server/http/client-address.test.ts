import { describe, expect, it } from 'vitest'
import { addressLimitKey, clientAddressOf, TrustedProxies } from './client-address.ts'

describe('clientAddressOf', () => {
  const none = new TrustedProxies([])
  const lb = new TrustedProxies(['10.0.0.0/8', '::1'])

  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddressOf('192.0.2.9', '198.51.100.1', none)).toBe('192.0.2.9')
    expect(clientAddressOf('::ffff:192.0.2.9', undefined, none)).toBe('192.0.2.9')
    expect(clientAddressOf(undefined, '198.51.100.1', lb)).toBeNull()
  })

  it('is the socket peer when the peer is not a trusted proxy', () => {
    expect(clientAddressOf('192.0.2.9', '198.51.100.1', lb)).toBe('192.0.2.9')
  })

  it('walks X-Forwarded-For from the right past trusted proxies only', () => {
    expect(clientAddressOf('10.0.0.2', '198.51.100.1', lb)).toBe('198.51.100.1')
    expect(clientAddressOf('::ffff:10.0.0.2', '6.6.6.6, 198.51.100.1, 10.1.1.1', lb)).toBe('198.51.100.1')
    expect(clientAddressOf('::1', '[2001:db8::7]:443', lb)).toBe('2001:db8::7')
    expect(clientAddressOf('10.0.0.2', '198.51.100.1:5000', lb)).toBe('198.51.100.1')
    // All hops ours: the leftmost is the client.
    expect(clientAddressOf('10.0.0.2', '10.0.0.9, 10.0.0.3', lb)).toBe('10.0.0.9')
    // Garbage stops the walk at the last address we could trust.
    expect(clientAddressOf('10.0.0.2', '198.51.100.1, not-an-ip', lb)).toBe('10.0.0.2')
    expect(clientAddressOf('10.0.0.2', '', lb)).toBe('10.0.0.2')
  })
})

describe('addressLimitKey', () => {
  it('keeps IPv4 addresses and groups IPv6 addresses by /64', () => {
    expect(addressLimitKey('198.51.100.1')).toBe('198.51.100.1')
    expect(addressLimitKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64')
    expect(addressLimitKey('2001:DB8:1:2::ffff')).toBe('2001:db8:1:2::/64')
    expect(addressLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressLimitKey('::1')).toBe('0:0:0:0::/64')
  })
})
