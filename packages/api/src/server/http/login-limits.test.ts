import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertPartner, insertUser, TEST_PASSWORD } from '../../test-support/fixtures.ts'
import { errorMessage, postBatch, postMutation, startTestPortal } from '../../test-support/http.ts'
import type { RunningServer } from './portal-server.ts'

/**
 * Login limits over real HTTP, on both Postgres engines (the parallel tests matter on the server,
 * where requests really run at once). Defaults: 5 failed logins per account and 20 per client
 * address in 15 minutes, counted in Postgres before the password is checked.
 */
const PER_ACCOUNT = 5
const PER_ADDRESS = 20

describe('login limits over HTTP', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  /** Trusts 127.0.0.1 as a proxy: each test picks its client address with X-Forwarded-For. */
  let admin: RunningServer
  let adminReplica: RunningServer
  let partner: RunningServer
  /** No TRUSTED_PROXIES: X-Forwarded-For means nothing. */
  let direct: RunningServer
  let partnerId: string

  beforeAll(async () => {
    stores = await openTestStores()
    partnerId = await insertPartner(stores)
    const trusted = { trustedProxies: ['127.0.0.1'] }
    ;[admin, adminReplica, partner, direct] = await Promise.all([
      startTestPortal(stores, 'admin', trusted),
      startTestPortal(stores, 'admin', trusted),
      startTestPortal(stores, 'partner', trusted),
      startTestPortal(stores, 'admin'),
    ])
  }, 120_000)
  afterAll(async () => {
    await Promise.allSettled([admin, adminReplica, partner, direct].map((s) => s?.close()))
    await stores?.dispose()
  })

  let n = 0
  /** A client address of its own for each test (TEST-NET-2). */
  const freshAddress = () => `198.51.100.${++n}`
  const login = (server: RunningServer, email: string, password: string, from?: string) =>
    postMutation(server.url, 'auth.login', { email, password }, from ? { 'x-forwarded-for': from } : {})
  const loginCount = async (userId: string) =>
    (
      await stores.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'auth.login')
        .where('actor_id', '=', userId)
        .execute()
    ).length

  it('refuses a batch of 30 logins in one request (the right password last) without trying any', async () => {
    const user = await insertUser(stores, { kind: 'admin', role: 'owner' })
    const from = freshAddress()
    const calls = [
      ...Array.from({ length: 29 }, (_, i) => ({
        path: 'auth.login',
        input: { email: user.email, password: `guess-${i}` },
      })),
      { path: 'auth.login', input: { email: user.email, password: TEST_PASSWORD } },
    ]
    const res = await postBatch(admin.url, calls, { 'x-forwarded-for': from })
    expect(res.status).toBe(400)
    expect(res.setCookies).toEqual([])
    expect(JSON.stringify(res.body)).toMatch(/auth\.\* calls cannot be batched/)
    expect(await loginCount(user.id)).toBe(0)
    // Nothing was counted either: the account can still log in.
    expect((await login(admin, user.email, TEST_PASSWORD, from)).status).toBe(200)
    // A batch of one auth call is refused the same way.
    const one = await postBatch(admin.url, [calls[29]!], { 'x-forwarded-for': from })
    expect(one.status).toBe(400)
    expect(one.setCookies).toEqual([])
  })

  it('caps the size of any batch', async () => {
    const user = await insertUser(stores, { kind: 'admin', role: 'viewer' })
    const ok = await login(admin, user.email, TEST_PASSWORD, freshAddress())
    const cookie = (ok.setCookies[0] ?? '').split(';')[0] ?? ''
    const batchOf = (size: number) =>
      fetch(`${admin.url}/trpc/${Array(size).fill('programs.list').join(',')}?batch=1`, {
        headers: { cookie },
      })
    expect((await batchOf(10)).status).toBe(200)
    const tooMany = await batchOf(100)
    expect(tooMany.status).toBe(400)
    expect(JSON.stringify(await tooMany.json())).toMatch(/Batch call exceeds maximum size/)
  })

  it('lets 5 of 20 parallel wrong-password logins through for one account and answers 429 to the rest', async () => {
    const user = await insertUser(stores, { kind: 'admin', role: 'owner' })
    const from = freshAddress()
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(admin, user.email, `wrong-${i}`, from)),
    )
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses.filter((s) => s === 401)).toHaveLength(PER_ACCOUNT)
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - PER_ACCOUNT)
    const refused = answers.find((a) => a.status === 429)!
    expect(errorMessage(refused)).toMatch(/^Too many failed logins\. Try again in \d+ minutes?\.$/)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    // Locked: the right password is not even checked now, from any address.
    const right = await login(admin, user.email, TEST_PASSWORD, freshAddress())
    expect(right.status).toBe(429)
    expect(right.setCookies).toEqual([])
    expect(await loginCount(user.id)).toBe(0)
  })

  it('counts failures on every replica together (the limit lives in Postgres)', async () => {
    const user = await insertUser(stores, { kind: 'admin', role: 'owner' })
    const from = freshAddress()
    for (let i = 0; i < PER_ACCOUNT; i++) {
      const replica = i % 2 === 0 ? admin : adminReplica
      expect((await login(replica, user.email, 'wrong', from)).status).toBe(401)
    }
    expect((await login(adminReplica, user.email, TEST_PASSWORD, from)).status).toBe(429)
    expect((await login(admin, user.email, TEST_PASSWORD, from)).status).toBe(429)
  })

  it('limits an account whatever address the guesses come from', async () => {
    const user = await insertUser(stores, { kind: 'admin', role: 'manager' })
    for (let i = 0; i < PER_ACCOUNT; i++) {
      expect((await login(admin, user.email, `wrong-${i}`, freshAddress())).status).toBe(401)
    }
    expect((await login(admin, user.email, TEST_PASSWORD, freshAddress())).status).toBe(429)
  })

  it('limits an address whatever accounts it guesses at, and leaves other addresses alone', async () => {
    const user = await insertUser(stores, { kind: 'admin', role: 'viewer' })
    const sprayer = freshAddress()
    for (let i = 0; i < PER_ADDRESS; i++) {
      const res = await login(admin, `nobody-${n}-${i}@example.com`, 'wrong', sprayer)
      expect(res.status).toBe(401)
    }
    const blocked = await login(admin, user.email, TEST_PASSWORD, sprayer)
    expect(blocked.status).toBe(429)
    expect(blocked.setCookies).toEqual([])
    // The account itself is not locked: the same user from their own address logs in.
    expect((await login(admin, user.email, TEST_PASSWORD, freshAddress())).status).toBe(200)
  })

  it('forgives an account its failures once the right password is given', async () => {
    const user = await insertUser(stores, { kind: 'admin', role: 'viewer' })
    const from = freshAddress()
    for (let i = 0; i < PER_ACCOUNT - 1; i++) {
      expect((await login(admin, user.email, 'wrong', from)).status).toBe(401)
    }
    expect((await login(admin, user.email, TEST_PASSWORD, from)).status).toBe(200)
    for (let i = 0; i < PER_ACCOUNT - 1; i++) {
      expect((await login(admin, user.email, 'wrong', from)).status).toBe(401)
    }
    expect((await login(admin, user.email, TEST_PASSWORD, from)).status).toBe(200)
  })

  it('does not tell a locked admin account it is an admin account on the partner portal', async () => {
    const user = await insertUser(stores, { kind: 'admin', role: 'owner' })
    const from = freshAddress()
    for (let i = 0; i < PER_ACCOUNT; i++) {
      expect((await login(admin, user.email, `wrong-${i}`, from)).status).toBe(401)
    }
    const elsewhere = await login(partner, user.email, TEST_PASSWORD, freshAddress())
    expect(elsewhere.status).toBe(429)
    expect(errorMessage(elsewhere)).not.toMatch(/admin account/)
    // And the other way round: a partner user locked on the partner portal.
    const partnerUser = await insertUser(stores, { kind: 'partner', partnerId })
    for (let i = 0; i < PER_ACCOUNT; i++) {
      expect((await login(partner, partnerUser.email, `wrong-${i}`, from)).status).toBe(401)
    }
    const onAdmin = await login(admin, partnerUser.email, TEST_PASSWORD, freshAddress())
    expect(onAdmin.status).toBe(429)
    expect(errorMessage(onAdmin)).not.toMatch(/partner account/)
  })

  it('reads the client address from X-Forwarded-For only behind a trusted proxy', async () => {
    // Without TRUSTED_PROXIES a client cannot pick a new address per guess: it is the socket's.
    for (let i = 0; i < PER_ADDRESS; i++) {
      const res = await login(direct, `spoof-${i}@example.com`, 'wrong', `203.0.113.${i + 1}`)
      expect(res.status).toBe(401)
    }
    const user = await insertUser(stores, { kind: 'admin', role: 'viewer' })
    expect((await login(direct, user.email, TEST_PASSWORD, '203.0.113.250')).status).toBe(429)

    // Behind the trusted proxy: the nearest address the proxy did not add is the client; what the
    // client itself put at the left of the header does not matter.
    const client = freshAddress()
    const ok = await login(admin, user.email, TEST_PASSWORD, `10.9.9.9, ${client}`)
    expect(ok.status).toBe(200)
    const session = await stores.db
      .selectFrom('sessions')
      .select('ip')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(session.ip).toBe(client)
  })
})
