import { openTestStores } from '@tandem/db/testing'
import { createPartner, createProgram, publishRuleSet, systemContext } from '@tandem/services'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminClient, partnerClient } from '../../../test-support/clients.ts'
import { insertUser, TEST_PASSWORD } from '../../../test-support/fixtures.ts'

// The public side of the partner portal: a program's join page, the application, setting a
// password from an emailed link (the email row stands in for the inbox: the mail path has its own tests).
describe('joining and account links', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let programId: string
  const slug = `join-${Date.now().toString(36)}`

  beforeAll(async () => {
    stores = await openTestStores()
    const ctx = systemContext(stores.db)
    const program = await createProgram(ctx, {
      slug,
      kind: 'affiliate',
      currency: 'EUR',
      name: 'Join Shop',
      allowedDomains: ['shop.example'],
      defaultLandingUrl: 'https://shop.example/',
    })
    programId = program.id
    const vip = await createPartner(ctx, {
      type: 'affiliate',
      name: 'Vip',
      email: `vip-${Date.now()}@p.example`,
    })
    await publishRuleSet(ctx, {
      programId,
      rules: [
        { name: 'Sales', kind: 'percentage', event: 'sale', rate: { bps: 1250 } },
        {
          name: 'VIP',
          kind: 'percentage',
          event: 'sale',
          rate: { bps: 2000 },
          scope: { partnerIds: [vip.id] },
        },
      ],
      effectiveFrom: new Date(Date.now() - 60_000),
    })
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  const secretOf = async (to: string, template: string) => {
    const row = await stores.db
      .selectFrom('emails')
      .select('secret')
      .where('to_address', '=', to)
      .where('template', '=', template)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    return (row.secret ?? '').split('/').pop() ?? ''
  }

  it('shows the public page with program-wide commissions only, and no secrets', async () => {
    const api = await partnerClient(stores).api()
    const page = await api.join.program({ slug })
    expect(page).toMatchObject({
      name: 'Join Shop',
      commissions: ['12.5% of each sale'],
      applications: 'review',
    })
    expect(JSON.stringify(page)).not.toMatch(/tok_|postback|hmac/i)
    await expect(api.join.program({ slug: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('takes an application; an admin approves it; the emailed link sets the password and logs in', async () => {
    const email = `new-${Date.now()}@partners.example`
    const anon = partnerClient(stores, { ip: '198.51.100.7' })
    await expect(
      (await anon.api()).join.submit({
        slug,
        name: 'Nia New',
        email,
        acceptTerms: true,
        website: 'https://nia.example',
      }),
    ).resolves.toEqual({ status: 'received' })
    await expect(
      (await anon.api()).join.submit({ slug, name: 'Nia', email: 'x@y.example', acceptTerms: false as true }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    const partner = await stores.db
      .selectFrom('partners')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()

    const manager = await insertUser(stores, { kind: 'admin', role: 'manager' })
    const admin = adminClient(stores)
    await (await admin.api()).auth.login({ email: manager.email, password: TEST_PASSWORD })
    await (await admin.api()).partners.setEnrollmentStatus({
      programId,
      partnerId: partner.id,
      status: 'approved',
    })

    const token = await secretOf(email, 'application_approved')
    const browser = partnerClient(stores)
    expect(await (await browser.api()).account.invitation({ token })).toMatchObject({ valid: true, email })
    const done = await (await browser.api()).account.acceptInvitation({ token, password: 'nia passphrase 1' })
    expect(done.user).toMatchObject({ email, partnerId: partner.id, kind: 'partner' })
    expect((await (await browser.api()).auth.me()).user?.partnerId).toBe(partner.id)
    // The link worked once.
    expect(await (await partnerClient(stores).api()).account.invitation({ token })).toMatchObject({
      valid: false,
    })
    await expect(
      (await partnerClient(stores).api()).account.acceptInvitation({ token, password: 'another passphrase' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' })

    // Forgot the password: the reset link logs in with the new one, and the old session ends.
    await (await partnerClient(stores).api()).account.requestPasswordReset({ email })
    const resetToken = await secretOf(email, 'password_reset')
    const other = partnerClient(stores)
    const reset = await (await other.api()).account.resetPassword({
      token: resetToken,
      password: 'nia passphrase 2',
    })
    expect(reset.user?.partnerId).toBe(partner.id)
    expect((await (await browser.api()).auth.me()).user).toBeNull()
    await expect(
      (await partnerClient(stores).api()).auth.login({ email, password: 'nia passphrase 2' }),
    ).resolves.toMatchObject({ user: { partnerId: partner.id } })
  })

  it('answers a reset request for an unknown address like any other, and limits requests per address', async () => {
    const anon = partnerClient(stores, { ip: '203.0.113.9' })
    for (let i = 0; i < 5; i++) {
      await expect(
        (await anon.api()).account.requestPasswordReset({ email: `ghost${i}@example.com` }),
      ).resolves.toEqual({
        ok: true,
      })
    }
    await expect(
      (await anon.api()).account.requestPasswordReset({ email: 'ghost@example.com' }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    })
    const applicant = partnerClient(stores, { ip: '203.0.113.10' })
    for (let i = 0; i < 10; i++) {
      await (await applicant.api()).join.submit({
        slug,
        name: `A${i}`,
        email: `a${i}-${Date.now()}@p.example`,
        acceptTerms: true,
      })
    }
    await expect(
      (await applicant.api()).join.submit({
        slug,
        name: 'Eleven',
        email: `e-${Date.now()}@p.example`,
        acceptTerms: true,
      }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' })
  })

  it('lists programs a partner is in or may join, and joins one', async () => {
    const partnerId = (await stores.db.selectFrom('partners').select('id').limit(1).executeTakeFirstOrThrow())
      .id
    const user = await insertUser(stores, { kind: 'partner', partnerId })
    const client = partnerClient(stores)
    await (await client.api()).auth.login({ email: user.email, password: TEST_PASSWORD })
    const ctx = systemContext(stores.db)
    const other = await createProgram(ctx, {
      slug: `other-${Date.now().toString(36)}`,
      kind: 'affiliate',
      currency: 'EUR',
      name: 'Other Shop',
      allowedDomains: ['other.example'],
      defaultLandingUrl: 'https://other.example/',
    })
    const before = await (await client.api()).programs.list()
    expect(before.find((p) => p.id === other.id)).toMatchObject({ enrollment: null, open: true })
    await expect((await client.api()).programs.join({ programId: other.id })).resolves.toMatchObject({
      status: 'received',
      created: true,
    })
    const after = await (await client.api()).programs.list()
    expect(after.find((p) => p.id === other.id)).toMatchObject({ enrollment: 'pending' })
  })
})
