import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { adminClient } from '../../../test-support/clients.ts'
import { insertPartner, insertProgram } from '../../../test-support/fixtures.ts'
import { loggedInAdmin } from '../../../test-support/logged-in-clients.ts'

type Api = Awaited<ReturnType<ReturnType<typeof adminClient>['api']>>

describe('admin referrals.* (ambassadors and rewards)', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let viewer: Api
  let program: string
  let amy: string

  beforeAll(async () => {
    stores = await openTestStores()
    viewer = await (await loggedInAdmin(stores, 'viewer')).api()
    program = await insertProgram(stores, { currency: 'EUR', name: 'Friends' })
    amy = await insertPartner(stores, { name: 'Amy Ambassador', programIds: [program] })
    const friend = await stores.db
      .insertInto('customers')
      .values({
        program_id: program,
        external_id: 'cust-1',
        referrer_partner_id: amy,
        referred_at: new Date(),
        first_seen_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const reward = (status: 'pending' | 'issued' | 'void', amount: number, key: string) => ({
      program_id: program,
      referrer_partner_id: amy,
      customer_id: friend.id,
      side: 'referrer' as const,
      reward_type: 'cash' as const,
      amount_minor: amount,
      currency: 'EUR',
      status,
      explanation: `reward ${key}`,
      idempotency_key: key,
    })
    await stores.db
      .insertInto('referral_rewards')
      .values([reward('pending', 500, 'a'), reward('issued', 1_000, 'b'), reward('void', 700, 'c')])
      .execute()
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('lists ambassadors with referrals and rewards by status, and the rewards themselves', async () => {
    const list = await viewer.referrals.ambassadors({ programId: program })
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ name: 'Amy Ambassador', referrals: 1, conversions: 0 })
    expect(Object.fromEntries(list[0]!.rewards.map((r) => [r.status, r.amount.amountMinor]))).toEqual({
      pending: 500,
      issued: 1_000,
      void: 700,
    })
    const issued = await viewer.referrals.rewards({ programId: program, status: 'issued' })
    expect(issued.map((r) => r.explanation)).toEqual(['reward b'])
    await expect(
      viewer.referrals.rewards({ programId: program, status: 'paid' as 'issued' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })
})
