import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestStores, testPostgresEngine } from '../testing/index.ts'
import {
  deleteStaleLoginAttempts,
  forgiveLoginAttempts,
  type LoginSubject,
  reserveLoginAttempts,
} from './login-attempts.ts'

const WINDOW = 15 * 60_000

describe('login attempt counters', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  beforeAll(async () => {
    stores = await openTestStores()
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  let n = 0
  const subjects = (): LoginSubject[] => {
    n += 1
    return [
      { scope: 'account', subject: `account-${n}` },
      { scope: 'address', subject: `address-${n}` },
    ]
  }
  const reserve = (s: LoginSubject[], now: Date) =>
    reserveLoginAttempts(stores.db, { subjects: s, now, windowMs: WINDOW })

  it(`gives 20 parallel reservations 20 distinct counts (${testPostgresEngine()})`, async () => {
    const s = subjects()
    const now = new Date()
    const all = await Promise.all(Array.from({ length: 20 }, () => reserve(s, now)))
    for (const scope of ['account', 'address'] as const) {
      const counts = all.map((rows) => rows.find((r) => r.scope === scope)?.attempts ?? 0)
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    }
  })

  it('starts a window over once it has ended, and keeps its start while it runs', async () => {
    const s = subjects()
    const t0 = new Date('2030-01-01T00:00:00Z')
    await reserve(s, t0)
    const later = await reserve(s, new Date(t0.getTime() + WINDOW - 1))
    expect(later.map((r) => [r.scope, r.attempts, r.windowStart.toISOString()])).toEqual([
      ['account', 2, t0.toISOString()],
      ['address', 2, t0.toISOString()],
    ])
    const next = new Date(t0.getTime() + WINDOW)
    const fresh = await reserve(s, next)
    expect(fresh.map((r) => [r.attempts, r.windowStart.toISOString()])).toEqual([
      [1, next.toISOString()],
      [1, next.toISOString()],
    ])
  })

  it('forgives the account and gives the address back one attempt', async () => {
    const s = subjects()
    const now = new Date()
    for (let i = 0; i < 3; i++) await reserve(s, now)
    await forgiveLoginAttempts(stores.db, { account: s[0]!.subject, address: s[1]!.subject })
    const after = await reserve(s, now)
    expect(after.map((r) => [r.scope, r.attempts])).toEqual([
      ['account', 1],
      ['address', 3],
    ])
  })

  it('deletes counters whose window is over', async () => {
    const old = subjects()
    const current = subjects()
    await reserve(old, new Date('2001-01-01T00:00:00Z'))
    await reserve(current, new Date())
    expect(await deleteStaleLoginAttempts(stores.db, new Date(Date.now() - WINDOW))).toBeGreaterThanOrEqual(2)
    const left = await stores.db.selectFrom('login_attempts').select('subject').execute()
    const names = left.map((r) => r.subject)
    expect(names).not.toContain(old[0]!.subject)
    expect(names).toContain(current[0]!.subject)
  })
})
