import { createHash } from 'node:crypto'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminClient, partnerClient } from '../../test-support/clients.ts'
import { insertPartner, insertProgram, insertUser, TEST_PASSWORD } from '../../test-support/fixtures.ts'

describe('auth', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let owner: { id: string; email: string }
  let viewer: { id: string; email: string }
  let manager: { id: string; email: string }
  let disabled: { id: string; email: string }
  let partnerUser: { id: string; email: string }
  let programId: string
  let partnerId: string

  beforeAll(async () => {
    stores = await openTestStores()
    programId = await insertProgram(stores)
    partnerId = await insertPartner(stores, { name: 'Ada Partner' })
    await stores.db
      .insertInto('program_enrollments')
      .values({
        program_id: programId,
        partner_id: partnerId,
        status: 'pending',
        group_id: null,
        decided_at: null,
      })
      .execute()
    owner = await insertUser(stores, { kind: 'admin', role: 'owner', email: 'Owner@Example.com' })
    viewer = await insertUser(stores, { kind: 'admin', role: 'viewer' })
    manager = await insertUser(stores, { kind: 'admin', role: 'manager' })
    disabled = await insertUser(stores, { kind: 'admin', role: 'owner', disabled: true })
    partnerUser = await insertUser(stores, { kind: 'partner', partnerId })
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('logs an admin in with a hashed server-side session in an HttpOnly SameSite cookie', async () => {
    const admin = adminClient(stores)
    const { user } = await (await admin.api()).auth.login({
      email: 'owner@example.com',
      password: TEST_PASSWORD,
    })
    expect(user).toEqual({
      id: owner.id,
      email: 'Owner@Example.com',
      name: 'User Owner@Example.com',
      kind: 'admin',
      adminRole: 'owner',
      partnerId: null,
      partnerName: null,
    })
    const cookie = admin.setCookies.at(-1) ?? ''
    expect(cookie).toMatch(/^tandem_admin=[A-Za-z0-9_-]{43};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).toContain('Path=/')
    expect(cookie).not.toContain('Secure')
    const token = admin.jar.get('tandem_admin') ?? ''
    const session = await stores.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', createHash('sha256').update(token).digest('hex'))
      .executeTakeFirst()
    expect(session?.user_id).toBe(owner.id)
    expect((await (await admin.api()).auth.me()).user?.id).toBe(owner.id)
    await expect((await admin.api()).programs.list()).resolves.toEqual([
      expect.objectContaining({ id: programId, currency: 'EUR', status: 'active' }),
    ])
  })

  it('answers wrong password and unknown email with the same message', async () => {
    const api = await adminClient(stores).api()
    const wrong = api.auth.login({ email: owner.email, password: 'nope' })
    await expect(wrong).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Email or password is incorrect',
    })
    const unknown = api.auth.login({ email: 'nobody@example.com', password: TEST_PASSWORD })
    await expect(unknown).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Email or password is incorrect',
    })
  })

  it('refuses a disabled user, but only once the password is right', async () => {
    const api = await adminClient(stores).api()
    await expect(api.auth.login({ email: disabled.email, password: 'nope' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    })
    await expect(api.auth.login({ email: disabled.email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This account is disabled',
    })
  })

  it('keeps admin and partner accounts on their own portal', async () => {
    const partnerPortal = await partnerClient(stores).api()
    await expect(
      partnerPortal.auth.login({ email: owner.email, password: TEST_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This is an admin account: log in on the admin portal',
    })
    const adminPortal = await adminClient(stores).api()
    await expect(
      adminPortal.auth.login({ email: partnerUser.email, password: TEST_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This is a partner account: log in on the partner portal',
    })
  })

  it('logs a partner in with its partner from the session', async () => {
    const partner = partnerClient(stores)
    const { user } = await (await partner.api()).auth.login({
      email: partnerUser.email,
      password: TEST_PASSWORD,
    })
    expect(user).toMatchObject({ kind: 'partner', adminRole: null, partnerId, partnerName: 'Ada Partner' })
    expect(partner.setCookies.at(-1)).toMatch(/^tandem_partner=/)
  })

  it('asks to log in when there is no session, or a forged one', async () => {
    const admin = adminClient(stores)
    await expect((await admin.api()).programs.list()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Please log in',
    })
    expect((await (await admin.api()).auth.me()).user).toBeNull()
    admin.jar.set('tandem_admin', 'A'.repeat(43))
    await expect((await admin.api()).programs.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    admin.jar.set('tandem_admin', 'not a token')
    await expect((await admin.api()).programs.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  })

  it('rejects and deletes idle-expired and absolutely expired sessions', async () => {
    for (const expire of [
      { last_seen_at: new Date(Date.now() - 13 * 3_600_000) },
      { expires_at: new Date(Date.now() - 1_000) },
    ]) {
      const admin = adminClient(stores)
      await (await admin.api()).auth.login({ email: viewer.email, password: TEST_PASSWORD })
      const id = createHash('sha256')
        .update(admin.jar.get('tandem_admin') ?? '')
        .digest('hex')
      await stores.db.updateTable('sessions').set(expire).where('id', '=', id).execute()
      await expect((await admin.api()).programs.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
      const left = await stores.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst()
      expect(left).toBeUndefined()
    }
  })

  it('slides last_seen_at on use', async () => {
    let now = new Date('2030-01-01T00:00:00Z')
    const admin = adminClient(stores, { now: () => now })
    await (await admin.api()).auth.login({ email: viewer.email, password: TEST_PASSWORD })
    // 11 h idle, then used: still alive, and the idle clock restarts.
    now = new Date('2030-01-01T11:00:00Z')
    await (await admin.api()).programs.list()
    now = new Date('2030-01-01T22:00:00Z')
    await expect((await admin.api()).programs.list()).resolves.toBeDefined()
    // 12 h without use: over.
    now = new Date('2030-01-02T10:00:00Z')
    await expect((await admin.api()).programs.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  })

  it('logout deletes the session and clears the cookie', async () => {
    const admin = adminClient(stores)
    await (await admin.api()).auth.login({ email: viewer.email, password: TEST_PASSWORD })
    const id = createHash('sha256')
      .update(admin.jar.get('tandem_admin') ?? '')
      .digest('hex')
    const token = admin.jar.get('tandem_admin') ?? ''
    await expect((await admin.api()).auth.logout()).resolves.toEqual({ ok: true })
    expect(admin.setCookies.at(-1)).toMatch(/^tandem_admin=; .*Max-Age=0/)
    expect(
      await stores.db.selectFrom('sessions').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeUndefined()
    // The old token is dead even if a client kept it.
    admin.jar.set('tandem_admin', token)
    expect((await (await admin.api()).auth.me()).user).toBeNull()
  })

  it('gives a viewer FORBIDDEN on a manager procedure, and lets a manager through with an audit row', async () => {
    const asViewer = adminClient(stores)
    await (await asViewer.api()).auth.login({ email: viewer.email, password: TEST_PASSWORD })
    const input = { programId, partnerId, status: 'approved' as const }
    await expect((await asViewer.api()).partners.setEnrollmentStatus(input)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This needs the manager role',
    })
    const asManager = adminClient(stores)
    await (await asManager.api()).auth.login({ email: manager.email, password: TEST_PASSWORD })
    await expect((await asManager.api()).partners.setEnrollmentStatus(input)).resolves.toEqual({
      ok: true,
      status: 'approved',
    })
    await (await asManager.api()).partners.setEnrollmentStatus(input)
    const audit = await stores.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'enrollment.set_status')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: manager.id, data: { from: 'pending', to: 'approved' } })
  })

  it('refuses a partner session on the admin portal', async () => {
    const partner = partnerClient(stores)
    await (await partner.api()).auth.login({ email: partnerUser.email, password: TEST_PASSWORD })
    const admin = adminClient(stores)
    admin.jar.set('tandem_admin', partner.jar.get('tandem_partner') ?? '')
    await expect((await admin.api()).programs.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    await expect(
      (await admin.api()).overview.summary({ from: '2030-01-01', to: '2030-01-02' }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    })
    // The partner's own session is untouched by that attempt.
    expect((await (await partner.api()).auth.me()).user?.partnerId).toBe(partnerId)
  })

  it('limits failed logins per account, whatever the address, and counts the attempt before the password', async () => {
    const target = await insertUser(stores, { kind: 'admin', role: 'viewer' })
    const loginLimits = { perAccount: 3 }
    const fromA = adminClient(stores, { loginLimits, ip: '10.0.0.1' })
    for (let i = 0; i < 3; i++) {
      await expect(
        (await fromA.api()).auth.login({ email: target.email, password: 'bad' }),
      ).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      })
    }
    await expect(
      (await fromA.api()).auth.login({ email: target.email, password: TEST_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/Too many failed logins/),
    })
    // Another address does not open the account again: the limit is the account's.
    const fromB = adminClient(stores, { loginLimits, ip: '10.0.0.2' })
    await expect(
      (await fromB.api()).auth.login({ email: target.email.toUpperCase(), password: TEST_PASSWORD }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' })
    // The counters hold digests, never the email or the address.
    const rows = await stores.db.selectFrom('login_attempts').select(['scope', 'subject']).execute()
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row.subject).toMatch(/^[0-9a-f]{64}$/)
  })

  it('validates login input with clear messages', async () => {
    const api = await adminClient(stores).api()
    await expect(api.auth.login({ email: 'not-an-email', password: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
  })
})
