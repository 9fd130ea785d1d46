import { describe, expect, it } from 'vitest'
import { readPortalEnv } from './portal-env.ts'

const names = { port: 'ADMIN_PORT', host: 'ADMIN_HOST', defaultPort: 3000 }

describe('readPortalEnv', () => {
  it('applies defaults', () => {
    expect(readPortalEnv({}, names)).toEqual({
      port: 3000,
      host: '0.0.0.0',
      trackerUrl: 'http://localhost:8080',
    })
  })

  it('reads the variables and trims a trailing slash off the tracker URL', () => {
    expect(
      readPortalEnv(
        { ADMIN_PORT: '4000', ADMIN_HOST: '127.0.0.1', TRACKER_PUBLIC_URL: 'https://go.shop.example/' },
        names,
      ),
    ).toEqual({ port: 4000, host: '127.0.0.1', trackerUrl: 'https://go.shop.example' })
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
})
