import { randomBytes, randomUUID } from 'node:crypto'
import type { Database } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { settleDueReferrals, settleReferral } from '../src/rewards/settle-referral.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

const DAY = 86_400_000
const now = new Date('2026-06-01T12:00:00Z')
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' })

/** A refer-a-friend program as the demo has it: credit for the referrer, a coupon for the friend. */
async function seedReferralProgram(db: Kysely<Database>) {
  const tag = randomBytes(4).toString('hex')
  const rewards = {
    currency: 'EUR',
    referrerReward: { type: 'store_credit', amount: eur(2000) },
    friendReward: { type: 'percent_coupon', percentOff: { bps: 1000 } },
    friendRewardTiming: 'on_qualification',
    qualification: { minFirstPurchase: eur(3000), holdDays: 14 },
    milestones: [
      {
        id: 'two',
        name: '2 friends',
        qualifiedReferrals: 2,
        reward: { type: 'store_credit', amount: eur(5000) },
      },
    ],
    caps: { maxRewardedReferrals: null, maxRewardValue: null },
  }
  const program = await db
    .insertInto('programs')
    .values({
      slug: `friends-${tag}`,
      name: `Friends ${tag}`,
      kind: 'referral',
      currency: 'EUR',
      hold_days: 14,
      attribution: JSON.stringify({ model: 'last_click' }),
      rewards: JSON.stringify(rewards),
      fraud: JSON.stringify({}),
      default_landing_url: 'https://shop.example/friends',
      postback_token: `tok_${tag}${randomBytes(8).toString('hex')}`,
      postback_hmac_secret: randomBytes(16).toString('hex'),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const ambassador = await db
    .insertInto('partners')
    .values({
      type: 'ambassador',
      name: `Ambassador ${tag}`,
      email: `amb-${tag}@example.com`,
      email_hash: `amb-${tag}`,
      country: null,
      parent_partner_id: null,
      payout_method: null,
      payout_details: null,
      payout_currency: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { programId: program.id, ambassadorId: ambassador.id }
}

async function seedFriend(
  db: Kysely<Database>,
  p: { programId: string; ambassadorId: string },
  purchase: { amountMinor: number; daysAgo: number },
): Promise<{ customerId: string; conversionId: string }> {
  const customer = await db
    .insertInto('customers')
    .values({
      program_id: p.programId,
      external_id: `friend-${randomBytes(4).toString('hex')}`,
      email_hash: randomBytes(8).toString('hex'),
      referrer_partner_id: p.ambassadorId,
      referred_at: new Date(now.getTime() - (purchase.daysAgo + 1) * DAY),
      first_seen_at: new Date(now.getTime() - (purchase.daysAgo + 1) * DAY),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const conversionId = randomUUID()
  await db
    .insertInto('conversions')
    .values({
      id: conversionId,
      program_id: p.programId,
      event: 'sale',
      order_id: `f-${randomBytes(4).toString('hex')}`,
      customer_id: customer.id,
      partner_id: p.ambassadorId,
      status: 'pending',
      amount_minor: purchase.amountMinor,
      currency: 'EUR',
      click_id: null,
      coupon_code: null,
      source: 'api',
      attribution: JSON.stringify({}),
      fraud_flags: JSON.stringify([]),
      sub_ids: JSON.stringify({}),
      line_items: JSON.stringify([]),
      occurred_at: new Date(now.getTime() - purchase.daysAgo * DAY),
      hold_until: new Date(now.getTime() + (14 - purchase.daysAgo) * DAY),
      decided_at: null,
    })
    .execute()
  return { customerId: customer.id, conversionId }
}

async function rewards(customerId: string) {
  return stores.db
    .selectFrom('referral_rewards')
    .select(['side', 'status', 'amount_minor', 'percent_bps', 'milestone', 'reward_type'])
    .where('customer_id', '=', customerId)
    .orderBy('side')
    .orderBy('milestone')
    .execute()
}

describe('referral rewards job', () => {
  it('issues the rewards of a friend whose first purchase qualified once the hold ended, once', async () => {
    const p = await seedReferralProgram(stores.db)
    const friend = await seedFriend(stores.db, p, { amountMinor: 5000, daysAgo: 20 })
    const summary = await settleDueReferrals(stores.db, now)
    expect(summary).toMatchObject({ qualified: 1, failed: 0 })
    expect(await rewards(friend.customerId)).toEqual([
      {
        side: 'friend',
        status: 'issued',
        amount_minor: 0,
        percent_bps: 1000,
        milestone: null,
        reward_type: 'coupon_percent',
      },
      {
        side: 'referrer',
        status: 'qualified',
        amount_minor: 2000,
        percent_bps: 0,
        milestone: null,
        reward_type: 'store_credit',
      },
    ])
    // Settled: the sweep does not pick it again, and settling again writes nothing.
    expect((await settleDueReferrals(stores.db, now)).qualified).toBe(0)
    expect(await settleReferral(stores.db, friend.customerId, now)).toMatchObject({
      result: 'qualified',
      issued: 0,
    })
    expect(await rewards(friend.customerId)).toHaveLength(2)
    const audit = await stores.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', friend.customerId)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['referral.qualified'])
  })

  it('during the hold the rewards wait as pending; a refund below the minimum voids them', async () => {
    const p = await seedReferralProgram(stores.db)
    const friend = await seedFriend(stores.db, p, { amountMinor: 5000, daysAgo: 2 })
    expect((await settleDueReferrals(stores.db, now)).onHold).toBe(1)
    expect((await rewards(friend.customerId)).map((r) => [r.side, r.status])).toEqual([
      ['friend', 'pending'],
      ['referrer', 'pending'],
    ])
    await stores.db
      .updateTable('conversions')
      .set({ refunded_minor: 4000 })
      .where('id', '=', friend.conversionId)
      .execute()
    expect((await settleDueReferrals(stores.db, now)).voided).toBe(1)
    expect((await rewards(friend.customerId)).map((r) => [r.side, r.status])).toEqual([
      ['friend', 'void'],
      ['referrer', 'void'],
    ])
    // Void is final: later sweeps leave it (and never issue it).
    await settleDueReferrals(stores.db, new Date(now.getTime() + 30 * DAY))
    expect((await rewards(friend.customerId)).every((r) => r.status === 'void')).toBe(true)
  })

  it("pays the milestone with the referrer's second qualified referral, once", async () => {
    const p = await seedReferralProgram(stores.db)
    const first = await seedFriend(stores.db, p, { amountMinor: 4000, daysAgo: 18 })
    const second = await seedFriend(stores.db, p, { amountMinor: 6000, daysAgo: 16 })
    await settleDueReferrals(stores.db, now)
    expect((await rewards(first.customerId)).some((r) => r.milestone !== null)).toBe(false)
    const milestone = (await rewards(second.customerId)).filter((r) => r.milestone !== null)
    expect(milestone).toEqual([
      {
        side: 'referrer',
        status: 'qualified',
        amount_minor: 5000,
        percent_bps: 0,
        milestone: 2,
        reward_type: 'store_credit',
      },
    ])
    await settleReferral(stores.db, second.customerId, now)
    expect((await rewards(second.customerId)).filter((r) => r.milestone !== null)).toHaveLength(1)
  })

  it('leaves alone a referral past its hold and the grace days that has nothing pending', async () => {
    const p = await seedReferralProgram(stores.db)
    const old = await seedFriend(stores.db, p, { amountMinor: 5000, daysAgo: 14 + 7 + 1 })
    await settleDueReferrals(stores.db, now)
    expect(await rewards(old.customerId)).toEqual([])
    // Settled directly, it is issued as core decides (the window only bounds the sweep's work).
    expect((await settleReferral(stores.db, old.customerId, now)).result).toBe('qualified')
  })
})
