import { describe, expect, it } from 'vitest'
import { readPortalEnv, readTrustedProxies } from './portal-env.ts'

const names = { port: 'ADMIN_PORT', host: 'ADMIN_HOST', defaultPort: 3000 }

describe('readPortalEnv', () => {
  it('applies defaults', () => {
    expect(readPortalEnv({}, names)).toEqual({
      port: 3000,
      host: '0.0.0.0',
      trackerUrl: 'http://localhost:8080',
      trustedProxies: [],
    })
  })

  it('reads the variables and trims a trailing slash off the tracker URL', () => {
    expect(
      readPortalEnv(
        { ADMIN_PORT: '4000', ADMIN_HOST: '127.0.0.1', TRACKER_PUBLIC_URL: 'https://go.shop.example/' },
        names,
      ),
    ).toEqual({ port: 4000, host: '127.0.0.1', trackerUrl: 'https://go.shop.example', trustedProxies: [] })
  })

  it('names the malformed variable', () => {
    expect(() => readPortalEnv({ ADMIN_PORT: 'eighty' }, names)).toThrow(
      /ADMIN_PORT: ADMIN_PORT must be a port number/,
    )
    expect(() => readPortalEnv({ ADMIN_PORT: '70000' }, names)).toThrow(/ADMIN_PORT/)
    expect(() => readPortalEnv({ TRACKER_PUBLIC_URL: 'go.example' }, names)).toThrow(/TRACKER_PUBLIC_URL/)
    expect(() => readPortalEnv({ ADMIN_PORT: 'x' }, names)).toThrow(
      expect.objectContaining({ name: 'ConfigError' }),
    )
  })

  it('reads TRUSTED_PROXIES as addresses and CIDR ranges, and names a bad entry', () => {
    expect(
      readPortalEnv({ TRUSTED_PROXIES: ' 10.0.0.0/8, 127.0.0.1 ,fd00::/8,::1' }, names).trustedProxies,
    ).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8', '::1'])
    expect(readTrustedProxies({ TRUSTED_PROXIES: '192.168.0.0/16' })).toEqual(['192.168.0.0/16'])
    expect(readTrustedProxies({})).toEqual([])
    for (const bad of ['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/1', '::1/129', '10.0.0']) {
      expect(() => readPortalEnv({ TRUSTED_PROXIES: `127.0.0.1,${bad}` }, names), bad).toThrow(
        new RegExp(
          `TRUSTED_PROXIES: .*"${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" is not an IP address`,
        ),
      )
      expect(() => readTrustedProxies({ TRUSTED_PROXIES: bad }), bad).toThrow(
        expect.objectContaining({ name: 'ConfigError' }),
      )
    }
  })
})
