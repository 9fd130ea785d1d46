import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminClient } from '../../../test-support/clients.ts'

describe('admin setup.* (first owner of a fresh install)', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  beforeAll(async () => {
    stores = await openTestStores()
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('creates the owner once, who can then log in; afterwards it is closed', async () => {
    const client = adminClient(stores)
    const api = await client.api()
    expect(await api.setup.status()).toEqual({ needsOwner: true })
    await expect(
      api.setup.createOwner({ name: 'O', email: 'nope', password: 'short' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/email.*password|password.*email/s),
    })
    await api.setup.createOwner({ name: 'Olivia', email: 'olivia@shop.example', password: 'long enough pw' })
    expect(await api.setup.status()).toEqual({ needsOwner: false })
    const login = await api.auth.login({ email: 'olivia@shop.example', password: 'long enough pw' })
    expect(login.user).toMatchObject({ adminRole: 'owner' })
    await expect(
      api.setup.createOwner({ name: 'Mallory', email: 'm@shop.example', password: 'long enough pw' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
  })
})
