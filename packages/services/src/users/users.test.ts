import { verifyPassword } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newPartner, newProgram, tag, testContext } from '../testing/setup.ts'
import { acceptInvitation, disableUser, inviteAdmin, invitePartnerUser, setAdminRole } from './users.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

const user = (id: string) =>
  stores.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('users and invitations', () => {
  it('an invited team member sets a password once, before the link expires', async () => {
    const ctx = testContext(stores.db)
    const email = `lin-${tag()}@tandem.test`
    const invitation = await inviteAdmin(ctx, { email, name: 'Lin', role: 'manager' })
    const stored = await stores.db
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', invitation.id)
      .executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toBe(invitation.token)
    await expect(acceptInvitation(ctx, { token: invitation.token, password: 'short' })).rejects.toMatchObject(
      {
        code: 'invalid_input',
      },
    )
    const accepted = await acceptInvitation(ctx, { token: invitation.token, password: 'a long passphrase' })
    const row = await user(accepted.userId)
    expect(row).toMatchObject({ email, kind: 'admin', admin_role: 'manager' })
    expect(await verifyPassword(row.password_hash, 'a long passphrase')).toBe(true)
    await expect(
      acceptInvitation(ctx, { token: invitation.token, password: 'another passphrase' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(inviteAdmin(ctx, { email, name: 'Lin', role: 'viewer' })).rejects.toMatchObject({
      code: 'conflict',
    })

    const late = await inviteAdmin(ctx, { email: `late-${tag()}@tandem.test`, name: 'Late', role: 'viewer' })
    ctx.advance(8 * 86_400_000)
    await expect(
      acceptInvitation(ctx, { token: late.token, password: 'a long passphrase' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })

  it('a partner invited to the portal gets a partner account linked to them', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const partner = await newPartner(ctx, program.id)
    const invitation = await invitePartnerUser(ctx, { partnerId: partner.id })
    const accepted = await acceptInvitation(ctx, { token: invitation.token, password: 'partner passphrase' })
    expect(await user(accepted.userId)).toMatchObject({
      kind: 'partner',
      partner_id: partner.id,
      email: invitation.email,
    })
  })

  it('the last owner can neither step down nor be removed', async () => {
    const ctx = testContext(stores.db)
    const owners = await stores.db
      .selectFrom('users')
      .select('id')
      .where('admin_role', '=', 'owner')
      .execute()
    for (const o of owners)
      await stores.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', o.id).execute()
    const first = await acceptInvitation(ctx, {
      token: (await inviteAdmin(ctx, { email: `o1-${tag()}@tandem.test`, name: 'O1', role: 'owner' })).token,
      password: 'owner passphrase 1',
    })
    await expect(setAdminRole(ctx, { userId: first.userId, role: 'manager' })).rejects.toMatchObject({
      code: 'illegal_transition',
    })
    await expect(disableUser(ctx, { userId: first.userId })).rejects.toMatchObject({
      code: 'illegal_transition',
    })
    const second = await acceptInvitation(ctx, {
      token: (await inviteAdmin(ctx, { email: `o2-${tag()}@tandem.test`, name: 'O2', role: 'owner' })).token,
      password: 'owner passphrase 2',
    })
    await setAdminRole(ctx, { userId: first.userId, role: 'viewer' })
    expect((await user(first.userId)).admin_role).toBe('viewer')
    await expect(disableUser(ctx, { userId: second.userId })).rejects.toMatchObject({
      code: 'illegal_transition',
    })
  })
})
