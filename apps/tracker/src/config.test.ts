import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { trackerConfigFromEnv } from './config.ts'

const dir = mkdtempSync(join(tmpdir(), 'tandem-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const STRONG = 'kQ3v9Zr7bT1xY5mN8pL2wS6dF4hJ0aGc'

describe('trackerConfigFromEnv', () => {
  it('has defaults, and generates the embedded secret once, kept in the data directory', () => {
    const dataDir = join(dir, 'data')
    const config = trackerConfigFromEnv({ TANDEM_DATA_DIR: dataDir })
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      spoolDir: `${dataDir}/spool`,
      ipMode: 'hash',
      durability: 'write',
      flushIntervalMs: 500,
      fsyncIntervalMs: 200,
      trustProxy: false,
    })
    expect(config.secret.length).toBeGreaterThanOrEqual(32)
    expect(statSync(join(dataDir, 'secret')).mode & 0o777).toBe(0o600)
    expect(trackerConfigFromEnv({ TANDEM_DATA_DIR: dataDir }).secret).toBe(config.secret)
  })

  it('reads every setting', () => {
    const config = trackerConfigFromEnv({
      TRACKER_PORT: '9000',
      TRACKER_HOST: '127.0.0.1',
      TANDEM_SECRET: STRONG,
      TANDEM_PREVIOUS_SECRETS: ' old-1 ,old-2',
      TANDEM_SPOOL_DIR: '/var/spool/tandem',
      TRACKER_IP_MODE: 'truncate',
      TRACKER_DURABILITY: 'fsync',
      TRACKER_FLUSH_MS: '250',
      TRACKER_FSYNC_MS: '1000',
      TRACKER_TRUST_PROXY: 'true',
      TRACKER_PUBLIC_URL: 'https://track.shop.example',
    })
    expect(config).toEqual({
      port: 9000,
      host: '127.0.0.1',
      secret: STRONG,
      previousSecrets: ['old-1', 'old-2'],
      spoolDir: '/var/spool/tandem',
      ipMode: 'truncate',
      durability: 'fsync',
      flushIntervalMs: 250,
      fsyncIntervalMs: 1000,
      trustProxy: true,
      publicUrl: 'https://track.shop.example',
      metricsToken: null,
      metricsPort: null,
      metricsHost: '127.0.0.1',
    })
  })

  it('names the variable that is wrong', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ TRACKER_PORT: 'eighty' }, /TRACKER_PORT: TRACKER_PORT must be a port number/],
      [{ TRACKER_PORT: '70000' }, /TRACKER_PORT must be between 1 and 65535/],
      [{ TRACKER_FLUSH_MS: '5000' }, /TRACKER_FLUSH_MS must be between 10 and 1000/],
      [{ TRACKER_IP_MODE: 'raw' }, /TRACKER_IP_MODE must be "hash" or "truncate"/],
      [{ TANDEM_SECRET: 'short' }, /TANDEM_SECRET must be at least 32 characters/],
      [{ TANDEM_SECRET: 's'.repeat(40) }, /TANDEM_SECRET: looks guessable \(about 0 bits/],
      [{ TRACKER_METRICS_TOKEN: 'short' }, /TRACKER_METRICS_TOKEN must be at least 24 characters/],
      [{ TRACKER_METRICS_PORT: 'x' }, /TRACKER_METRICS_PORT must be a port number/],
      [{ DATABASE_URL: 'postgres://db/x' }, /TANDEM_SECRET: required in server mode/],
      [{ TRACKER_PUBLIC_URL: 'ftp://x' }, /TRACKER_PUBLIC_URL must be an http\(s\) URL/],
    ]
    for (const [env, message] of cases) {
      expect(() => trackerConfigFromEnv({ TANDEM_DATA_DIR: join(dir, 'data'), ...env })).toThrow(message)
    }
  })

  it('refuses a damaged secret file instead of silently replacing it', () => {
    const dataDir = join(dir, 'damaged')
    trackerConfigFromEnv({ TANDEM_DATA_DIR: dataDir })
    writeFileSync(join(dataDir, 'secret'), 'short\n')
    expect(() => trackerConfigFromEnv({ TANDEM_DATA_DIR: dataDir })).toThrow(/fewer than 32 characters/)
    expect(readFileSync(join(dataDir, 'secret'), 'utf8')).toBe('short\n')
  })
})

describe('main.ts', () => {
  it('exits 1 with one line naming a malformed variable, no stack trace', () => {
    const appDir = fileURLToPath(new URL('..', import.meta.url))
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: appDir,
      env: { PATH: process.env.PATH, TANDEM_DATA_DIR: join(dir, 'main'), TRACKER_PORT: 'not-a-port' },
      encoding: 'utf8',
    })
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe(
      'Invalid configuration: TRACKER_PORT: TRACKER_PORT must be a port number',
    )
  })
})
