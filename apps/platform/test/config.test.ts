import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { platformConfigFromEnv } from '../src/config.ts'

describe('platform configuration', () => {
  it('defaults to the documented ports', () => {
    const c = platformConfigFromEnv({})
    expect([c.TRACKER_PORT, c.ADMIN_PORT, c.PARTNER_PORT]).toEqual([8080, 3000, 3001])
    expect(c.adminUrl).toBe('http://localhost:3000')
  })

  it('names the variable that is wrong', () => {
    expect(() => platformConfigFromEnv({ ADMIN_PORT: 'eighty' })).toThrow(/ADMIN_PORT/)
    expect(() => platformConfigFromEnv({ PARTNER_PORT: '70000' })).toThrow(
      /PARTNER_PORT must be between 1 and 65535/,
    )
  })

  it('a malformed env var stops the process with one clear line and exit code 1', () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url))
    const run = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, DATABASE_URL: 'mysql://nope', TANDEM_DATA_DIR: '/nonexistent-never-used' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})
