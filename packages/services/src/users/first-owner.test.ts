import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testContext } from '../testing/setup.ts'
import { createFirstOwner } from './first-owner.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

describe('createFirstOwner', () => {
  it('makes one owner on a fresh install, then refuses', async () => {
    const ctx = testContext(stores.db)
    const attempts = await Promise.allSettled(
      ['a', 'b', 'c'].map((n) =>
        createFirstOwner(ctx, { name: n, email: `${n}@shop.example`, password: 'long enough pw' }),
      ),
    )
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1)
    expect(
      attempts.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason.code),
    ).toEqual(['conflict', 'conflict'])
    const owners = await stores.db
      .selectFrom('users')
      .select('admin_role')
      .where('kind', '=', 'admin')
      .execute()
    expect(owners).toEqual([{ admin_role: 'owner' }])
    await expect(createFirstOwner(ctx, { name: 'x', email: 'bad', password: 'short' })).rejects.toMatchObject(
      {
        code: 'invalid_input',
      },
    )
  })
})
