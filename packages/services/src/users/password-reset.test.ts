import { verifyPassword } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newPartner, newProgram, tag, testContext } from '../testing/setup.ts'
import { requestPasswordReset, resetPassword } from './password-reset.ts'
import { acceptInvitation, invitePartnerUser } from './users.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

async function partnerUser(ctx: ReturnType<typeof testContext>) {
  const program = await newProgram(ctx)
  const email = `rs-${tag()}@partners.example`
  const partner = await newPartner(ctx, program.id, { email })
  const invitation = await invitePartnerUser(ctx, { partnerId: partner.id })
  const { userId } = await acceptInvitation(ctx, { token: invitation.token, password: 'first passphrase' })
  return { email, userId, partnerId: partner.id }
}

const resetEmails = (to: string) =>
  stores.db
    .selectFrom('emails')
    .selectAll()
    .where('to_address', '=', to)
    .where('template', '=', 'password_reset')
    .orderBy('created_at')
    .execute()

const tokenOf = (secret: string | null) => (secret ?? '').split('/').pop() ?? ''

describe('password reset', () => {
  it('emails a one-time link that sets a new password and ends every session', async () => {
    const ctx = testContext(stores.db)
    const { email, userId } = await partnerUser(ctx)
    await stores.db
      .insertInto('sessions')
      .values({
        id: `s-${tag()}`,
        user_id: userId,
        expires_at: new Date(Date.now() + 1e9),
        last_seen_at: new Date(),
      })
      .execute()
    await expect(requestPasswordReset(ctx, { email: email.toUpperCase() })).resolves.toEqual({ queued: true })
    const [mail] = await resetEmails(email)
    expect(mail).toMatchObject({ subject: 'Reset your Tandem password', user_id: userId })
    expect(mail?.params).toMatchObject({ portal: 'partner' })
    const token = tokenOf(mail!.secret)
    const stored = await stores.db
      .selectFrom('password_resets')
      .selectAll()
      .where('user_id', '=', userId)
      .execute()
    expect(stored).toHaveLength(1)
    expect(stored[0]?.token_hash).not.toBe(token)

    await expect(resetPassword(ctx, { token, password: 'short' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(resetPassword(ctx, { token, password: 'second passphrase' })).resolves.toEqual({
      userId,
      kind: 'partner',
    })
    const user = await stores.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
    expect(await verifyPassword(user.password_hash, 'second passphrase')).toBe(true)
    expect(
      await stores.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute(),
    ).toEqual([])
    // Once only.
    await expect(resetPassword(ctx, { token, password: 'third passphrase' })).rejects.toMatchObject({
      reason: 'reset_link_invalid',
    })
  })

  it('a link expires after an hour; a newer reset closes the older links', async () => {
    const ctx = testContext(stores.db)
    const { email } = await partnerUser(ctx)
    await requestPasswordReset(ctx, { email })
    ctx.advance(61 * 60_000)
    const [late] = await resetEmails(email)
    await expect(
      resetPassword(ctx, { token: tokenOf(late!.secret), password: 'late passphrase' }),
    ).rejects.toMatchObject({
      reason: 'reset_link_invalid',
    })
    await requestPasswordReset(ctx, { email })
    await requestPasswordReset(ctx, { email })
    const [, second, third] = await resetEmails(email)
    await resetPassword(ctx, { token: tokenOf(third!.secret), password: 'fresh passphrase' })
    await expect(
      resetPassword(ctx, { token: tokenOf(second!.secret), password: 'other passphrase' }),
    ).rejects.toMatchObject({ reason: 'reset_link_invalid' })
  })

  it('says nothing about unknown or disabled addresses and sends at most 3 links an hour', async () => {
    const ctx = testContext(stores.db)
    await expect(requestPasswordReset(ctx, { email: `nobody-${tag()}@example.com` })).resolves.toEqual({
      queued: false,
    })
    const { email, userId } = await partnerUser(ctx)
    for (let i = 0; i < 5; i++) await requestPasswordReset(ctx, { email })
    expect(await resetEmails(email)).toHaveLength(3)
    ctx.advance(61 * 60_000)
    await expect(requestPasswordReset(ctx, { email })).resolves.toEqual({ queued: true })
    await stores.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', userId).execute()
    ctx.advance(61 * 60_000)
    await expect(requestPasswordReset(ctx, { email })).resolves.toEqual({ queued: false })
    await expect(requestPasswordReset(ctx, { email: 'not an email' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })
})
