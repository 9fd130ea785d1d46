import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { partnerClient, TRACKER_URL } from '../../../test-support/clients.ts'
import {
  insertClicks,
  insertCommission,
  insertConversion,
  insertLink,
  insertPartner,
  insertProgram,
  payOut,
} from '../../../test-support/fixtures.ts'
import { loggedInPartner } from '../../../test-support/logged-in-clients.ts'

// Two partners in one program, each with clicks, conversions, commissions and a coupon. Every
// partner procedure must show each only its own numbers, whatever ids are put in the input.
describe('partner portal data isolation', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let program: string
  let alice: string
  let bob: string
  let aliceLink: { id: number; code: string }
  let bobLink: { id: number; code: string }
  let aliceClient: ReturnType<typeof partnerClient>
  let bobClient: ReturnType<typeof partnerClient>
  const today = new Date()
  const day = (offset: number) => new Date(today.getTime() - offset * 86_400_000).toISOString().slice(0, 10)
  const at = (offset: number, time = '12:00:00') => `${day(offset)}T${time}Z`

  beforeAll(async () => {
    stores = await openTestStores()
    program = await insertProgram(stores, { currency: 'EUR', name: 'Shop' })
    alice = await insertPartner(stores, { name: 'Alice', programIds: [program] })
    bob = await insertPartner(stores, { name: 'Bob', programIds: [program] })
    aliceLink = await insertLink(stores, { programId: program, partnerId: alice })
    bobLink = await insertLink(stores, { programId: program, partnerId: bob })
    await stores.db
      .insertInto('coupons')
      .values([
        { program_id: program, partner_id: alice, code: 'ALICE10', discount: { kind: 'percent', bps: 1000 } },
        { program_id: program, partner_id: bob, code: 'BOB5', discount: null },
      ])
      .execute()

    await insertClicks(stores, [
      { programId: program, partnerId: alice, linkId: aliceLink.id, ts: at(1) },
      { programId: program, partnerId: alice, linkId: aliceLink.id, ts: at(1, '13:00:00') },
      { programId: program, partnerId: alice, linkId: aliceLink.id, ts: at(0, '00:00:01'), bot: true },
      { programId: program, partnerId: bob, linkId: bobLink.id, ts: at(1) },
      { programId: program, partnerId: bob, linkId: bobLink.id, ts: at(2) },
      { programId: program, partnerId: bob, linkId: bobLink.id, ts: at(2, '01:00:00') },
      { programId: program, partnerId: bob, linkId: bobLink.id, ts: at(40) },
    ])

    // Alice: one pending, one approved, one paid; Bob: one approved conversion of his own.
    const a1 = await insertConversion(stores, {
      programId: program,
      partnerId: alice,
      amountMinor: 10_000,
      currency: 'EUR',
      occurredAt: at(1),
    })
    await insertCommission(stores, {
      programId: program,
      partnerId: alice,
      conversionId: a1,
      amountMinor: 1_000,
      currency: 'EUR',
    })
    const a2 = await insertConversion(stores, {
      programId: program,
      partnerId: alice,
      amountMinor: 20_000,
      currency: 'EUR',
      occurredAt: at(2),
      status: 'approved',
    })
    await insertCommission(stores, {
      programId: program,
      partnerId: alice,
      conversionId: a2,
      amountMinor: 2_000,
      currency: 'EUR',
      status: 'approved',
    })
    const a3 = await insertConversion(stores, {
      programId: program,
      partnerId: alice,
      amountMinor: 30_000,
      currency: 'EUR',
      occurredAt: at(3),
      status: 'approved',
    })
    const paid = await insertCommission(stores, {
      programId: program,
      partnerId: alice,
      conversionId: a3,
      amountMinor: 3_000,
      currency: 'EUR',
      status: 'approved',
    })
    await payOut(stores, {
      partnerId: alice,
      currency: 'EUR',
      commissions: [{ id: paid, amountMinor: 3_000 }],
    })

    const b1 = await insertConversion(stores, {
      programId: program,
      partnerId: bob,
      amountMinor: 50_000,
      currency: 'EUR',
      occurredAt: at(1),
      status: 'approved',
    })
    await insertCommission(stores, {
      programId: program,
      partnerId: bob,
      conversionId: b1,
      amountMinor: 5_000,
      currency: 'EUR',
      status: 'approved',
    })
    // Bob's sale also pays Alice an override (level 1): her money, but not her conversion.
    await insertCommission(stores, {
      programId: program,
      partnerId: alice,
      conversionId: b1,
      amountMinor: 100,
      currency: 'EUR',
      status: 'pending',
      level: 1,
    })

    // Outside every range asked below: still part of Alice's balances, not of her days.
    await insertCommission(stores, {
      programId: program,
      partnerId: alice,
      conversionId: null,
      amountMinor: 700,
      currency: 'EUR',
      status: 'approved',
      createdAt: at(60),
    })
    // Bob referred a friend: a store-credit reward pending, a friend's coupon (no balance).
    const friend = await stores.db
      .insertInto('customers')
      .values({
        program_id: program,
        external_id: 'friend-1',
        first_seen_at: new Date(at(3)),
        referrer_partner_id: bob,
        referred_at: new Date(at(3)),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await stores.db
      .insertInto('referral_rewards')
      .values([
        {
          program_id: program,
          referrer_partner_id: bob,
          customer_id: friend.id,
          side: 'referrer',
          reward_type: 'store_credit',
          amount_minor: 2_000,
          currency: 'EUR',
          status: 'pending',
          explanation: 'test',
          idempotency_key: 'r-1',
        },
        {
          program_id: program,
          referrer_partner_id: bob,
          customer_id: friend.id,
          side: 'friend',
          reward_type: 'coupon_percent',
          percent_bps: 1000,
          currency: 'EUR',
          status: 'issued',
          explanation: 'test',
          idempotency_key: 'r-2',
        },
      ])
      .execute()

    aliceClient = await loggedInPartner(stores, alice)
    bobClient = await loggedInPartner(stores, bob)
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('shows each partner only its own dashboard numbers', async () => {
    const range = { from: day(6), to: day(0) }
    const a = await (await aliceClient.api()).dashboard.summary(range)
    expect(a).toMatchObject({
      clicks: 2,
      uniqueClicks: 2,
      conversions: 3,
      earnings: {
        pending: [{ amountMinor: 1_100, currency: 'EUR' }],
        approved: [{ amountMinor: 2_700, currency: 'EUR' }],
        paid: [{ amountMinor: 3_000, currency: 'EUR' }],
      },
      rewards: { pending: [], earned: [], referrals: 0 },
      currency: 'EUR',
    })
    expect(a.byDay).toHaveLength(7)
    expect(a.byDay.find((d) => d.day === day(1))).toMatchObject({ clicks: 2, conversions: 1 })
    expect(a.byDay.reduce((n, d) => n + d.earningsMinor, 0)).toBe(6_100)

    const b = await (await bobClient.api()).dashboard.summary(range)
    expect(b).toMatchObject({
      clicks: 3,
      conversions: 1,
      earnings: { pending: [], approved: [{ amountMinor: 5_000, currency: 'EUR' }], paid: [] },
      rewards: { pending: [{ amountMinor: 2_000, currency: 'EUR' }], earned: [], referrals: 1 },
    })
  })

  it("ignores another partner's id slipped into the input", async () => {
    const api = await aliceClient.api()
    const sneaky = { from: day(6), to: day(0), partnerId: bob } as { from: string; to: string }
    await expect(api.dashboard.summary(sneaky)).resolves.toMatchObject({ clicks: 2, conversions: 3 })
    const page = await api.conversions.list({ limit: 50, partnerId: bob } as { limit: number })
    expect(page.items.every((c) => c.amount.amountMinor !== 50_000)).toBe(true)
  })

  it('lists only its own links, with tracking URLs and 30-day clicks', async () => {
    const a = await (await aliceClient.api()).links.list()
    expect(a).toEqual([
      {
        id: aliceLink.id,
        code: aliceLink.code,
        name: `Link ${aliceLink.code}`,
        programId: program,
        programName: 'Shop',
        trackingUrl: `${TRACKER_URL}/r/${aliceLink.code}`,
        params: {},
        destinationUrl: 'https://shop.example/landing',
        status: 'active',
        clicks30d: 2,
      },
    ])
    const b = await (await bobClient.api()).links.list()
    expect(b.map((l) => [l.id, l.clicks30d])).toEqual([[bobLink.id, 3]])
  })

  it('lists only its own coupons', async () => {
    expect(await (await aliceClient.api()).coupons.list()).toEqual([
      expect.objectContaining({
        code: 'ALICE10',
        discount: { kind: 'percent', bps: 1000 },
        status: 'active',
      }),
    ])
    expect(await (await bobClient.api()).coupons.list()).toEqual([
      expect.objectContaining({ code: 'BOB5', discount: null }),
    ])
  })

  it('lists only its own conversions with its own commission amounts, page by page', async () => {
    const api = await aliceClient.api()
    const first = await api.conversions.list({ limit: 2 })
    expect(first.items.map((c) => [c.amount.amountMinor, c.commission])).toEqual([
      [10_000, [{ amountMinor: 1_000, currency: 'EUR' }]],
      [20_000, [{ amountMinor: 2_000, currency: 'EUR' }]],
    ])
    expect(first.nextCursor).not.toBeNull()
    const second = await api.conversions.list({ limit: 2, cursor: first.nextCursor })
    expect(second.items.map((c) => c.amount.amountMinor)).toEqual([30_000])
    expect(second.nextCursor).toBeNull()

    const bobs = await (await bobClient.api()).conversions.list({ limit: 50 })
    // Bob sees his sale with his own 50.00 commission, not Alice's override on it.
    expect(bobs.items.map((c) => [c.amount.amountMinor, c.commission])).toEqual([
      [50_000, [{ amountMinor: 5_000, currency: 'EUR' }]],
    ])
  })

  it('rejects a tampered cursor with a 400', async () => {
    const api = await aliceClient.api()
    await expect(api.conversions.list({ limit: 2, cursor: 'garbage' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
  })

  it('refuses partner procedures without a partner session', async () => {
    const anonymous = await partnerClient(stores).api()
    await expect(anonymous.links.list()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Please log in',
    })
  })

  describe('links: stats, detail, builder (issue 9)', () => {
    // Alice's click with sub1=blog converted; Bob's conversion names Alice's click id (a forged
    // or foreign click): Bob's stats must not place it on Alice's link, nor show her clicks.
    beforeAll(async () => {
      await stores.db
        .updateTable('programs')
        .set({ allowed_domains: ['shop.example'] })
        .where('id', '=', program)
        .execute()
      await insertClicks(stores, [
        {
          programId: program,
          partnerId: alice,
          linkId: aliceLink.id,
          ts: at(1),
          sub1: 'blog',
          clickId: 'alice-click-1',
        },
        {
          programId: program,
          partnerId: bob,
          linkId: bobLink.id,
          ts: at(1),
          sub1: 'mail',
          clickId: 'bob-click-1',
        },
      ])
      const own = await insertConversion(stores, {
        programId: program,
        partnerId: alice,
        amountMinor: 4_000,
        currency: 'EUR',
        occurredAt: at(1),
        clickId: 'alice-click-1',
      })
      await insertCommission(stores, {
        programId: program,
        partnerId: alice,
        conversionId: own,
        amountMinor: 400,
        currency: 'EUR',
      })
      const foreign = await insertConversion(stores, {
        programId: program,
        partnerId: bob,
        amountMinor: 9_000,
        currency: 'EUR',
        occurredAt: at(1),
        clickId: 'alice-click-1',
      })
      await insertCommission(stores, {
        programId: program,
        partnerId: bob,
        conversionId: foreign,
        amountMinor: 900,
        currency: 'EUR',
      })
    })

    it('shows per-link and per-sub-id stats of its own links only', async () => {
      const range = { from: day(6), to: day(0) }
      const a = await (await aliceClient.api()).links.stats({ ...range, by: 'link' })
      expect(a.rows.map((r) => [r.key, r.clicks, r.conversions, r.earnings])).toEqual([
        [String(aliceLink.id), 3, 1, [{ amountMinor: 400, currency: 'EUR' }]],
      ])
      const aSubs = await (await aliceClient.api()).links.stats({ ...range, by: 'sub1' })
      expect(aSubs.rows.find((r) => r.key === 'blog')).toMatchObject({
        clicks: 1,
        conversions: 1,
        epcMinor: 400,
      })
      expect(aSubs.rows.some((r) => r.key === 'mail')).toBe(false)

      const b = await (await bobClient.api()).links.stats({ ...range, by: 'link' })
      expect(b.rows.map((r) => [r.key, r.conversions])).toEqual([[String(bobLink.id), 0]])
      const bSubs = await (await bobClient.api()).links.stats({ ...range, by: 'sub1' })
      expect(bSubs.rows.map((r) => r.key).sort()).toEqual(['', 'mail'])
      expect(bSubs.totals.earnings).toEqual([])
    })

    it("refuses another partner's link id in every link procedure", async () => {
      const bobApi = await bobClient.api()
      const range = { from: day(6), to: day(0) }
      await expect(bobApi.links.get({ linkId: aliceLink.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(bobApi.links.stats({ ...range, by: 'sub1', linkId: aliceLink.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      await expect(bobApi.links.setStatus({ linkId: aliceLink.id, status: 'paused' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      const still = await stores.db
        .selectFrom('links')
        .select('status')
        .where('id', '=', aliceLink.id)
        .executeTakeFirstOrThrow()
      expect(still.status).toBe('active')
      expect((await (await aliceClient.api()).links.get({ linkId: aliceLink.id })).code).toBe(aliceLink.code)
    })

    it('makes links only for itself, in programs it is approved in', async () => {
      const api = await aliceClient.api()
      const sneaky = { programId: program, alias: `alice-${Date.now().toString(36)}`, partnerId: bob } as {
        programId: string
        alias: string
      }
      const made = await api.links.create({ ...sneaky, params: { sub1: 'x' } })
      const row = await stores.db
        .selectFrom('links')
        .select(['partner_id', 'params'])
        .where('id', '=', made.id)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ partner_id: alice, params: { sub1: 'x' } })
      await expect(api.links.create({ programId: program, alias: made.code })).rejects.toMatchObject({
        code: 'CONFLICT',
      })
      await expect(
        api.links.create({ programId: program, destinationUrl: 'https://evil.example/x' }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' })
      const other = await insertProgram(stores, { name: 'Not joined' })
      await expect(api.links.create({ programId: other })).rejects.toMatchObject({ code: 'CONFLICT' })
      expect((await api.links.programs()).map((p) => p.id)).toEqual([program])
      expect((await api.programs.list()).find((p) => p.id === program)?.enrollment).toBe('approved')
    })
  })

  describe('earnings (issue 9)', () => {
    it('lists only its own conversions with its own lines, filtered, paged and as CSV', async () => {
      const a = await aliceClient.api()
      const all = await a.earnings.list({ limit: 2 })
      expect(all.items).toHaveLength(2)
      const rest = await a.earnings.list({ limit: 50, cursor: all.nextCursor })
      const mine = [...all.items, ...rest.items]
      expect(mine.every((e) => e.programId === program)).toBe(true)
      // Bob's sale (his conversion, with Alice's click id) is not Alice's; the override Alice earns
      // on Bob's sale does not make it hers either.
      expect(mine.some((e) => e.amount.amountMinor === 9_000 || e.amount.amountMinor === 50_000)).toBe(false)
      const pending = await a.earnings.list({ limit: 50, status: 'pending' })
      expect(pending.items.every((e) => e.status === 'pending' && e.why.state === 'on_hold')).toBe(true)

      const b = await (await bobClient.api()).earnings.list({ limit: 50 })
      expect(b.items.map((e) => e.amount.amountMinor).sort()).toEqual([50_000, 9_000].sort())
      expect(b.items.flatMap((e) => e.commission)).toEqual(
        expect.not.arrayContaining([{ amountMinor: 100, currency: 'EUR' }]),
      )
      // A cursor from Alice's list shows Bob nothing of hers.
      const withHerCursor = await (await bobClient.api()).earnings.list({ limit: 50, cursor: all.nextCursor })
      expect(withHerCursor.items.every((e) => [50_000, 9_000].includes(e.amount.amountMinor))).toBe(true)
      const sneaky = await (await bobClient.api()).earnings.list({ limit: 50, partnerId: alice } as {
        limit: number
      })
      expect(sneaky.items.length).toBe(b.items.length)

      const csv = await (await bobClient.api()).earnings.csv({})
      expect(csv.rows).toBe(2)
      expect(csv.csv.split('\r\n')[0]).toContain('occurred_at_utc,program,order_id')
      expect(csv.csv).not.toContain(alice)
      expect(csv.csv).toContain('500.00,0.00,50.00,EUR')
    })
  })

  describe('settings and payouts (issue 9)', () => {
    it('sets and shows only its own payout method, profile and postbacks', async () => {
      const a = await aliceClient.api()
      const b = await bobClient.api()
      await a.settings.setPayout({
        method: 'bank_transfer',
        currency: 'EUR',
        details: { accountHolder: 'Alice A', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
        partnerId: bob,
      } as Parameters<typeof a.settings.setPayout>[0])
      await expect(
        a.settings.setPayout({
          method: 'bank_transfer',
          currency: 'EUR',
          details: { accountHolder: 'A', iban: 'DE89 3704 0044 0532 0130 01' },
        }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' })
      expect((await a.settings.get()).payout).toEqual({
        method: 'bank_transfer',
        accountHolder: 'Alice A',
        ibanMasked: 'DE•• •••• 3000',
        bic: 'COBADEFFXXX',
      })
      expect((await b.settings.get()).payout).toBeNull()
      const bobRow = await stores.db
        .selectFrom('partners')
        .select('payout_method')
        .where('id', '=', bob)
        .executeTakeFirstOrThrow()
      expect(bobRow.payout_method).toBeNull()

      await a.settings.setProfile({
        legalName: 'Alice GmbH',
        tax: {
          country: 'DE',
          vatId: 'DE 123 456 789',
          form: 'w8ben',
          entityType: 'business',
          taxName: 'Alice GmbH',
          tin: '12345678901',
          tinType: 'foreign',
          certifiedBy: 'Alice A',
        },
      })
      const tax = (await a.settings.get()).tax
      expect(tax).toMatchObject({
        vatId: 'DE123456789',
        tinLast4: '8901',
        form: 'w8ben',
        certifiedBy: 'Alice A',
      })
      expect(JSON.stringify(tax)).not.toContain('12345678901')
      expect((await b.settings.get()).tax).toBeNull()
      await expect(
        a.settings.setProfile({
          tax: {
            country: 'DE',
            form: 'w9',
            entityType: 'individual',
            taxName: 'A',
            tin: '1234',
            certifiedBy: 'A',
          },
        }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' })

      await a.settings.setPostback({
        programId: program,
        urlTemplate: 'https://alice.example/pb?c={click_id}',
      })
      expect((await a.settings.postbacks()).map((p) => p.urlTemplate)).toEqual([
        'https://alice.example/pb?c={click_id}',
      ])
      expect((await b.settings.postbacks()).map((p) => p.urlTemplate)).toEqual([null])
      await expect(b.settings.testPostback({ programId: program })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      const other = await insertProgram(stores, { name: 'Elsewhere' })
      await expect(
        b.settings.setPostback({ programId: other, urlTemplate: 'https://bob.example/pb' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await b.settings.deliveries({ programId: program })).toEqual([])
    })

    it("shows only its own payouts and statements; another partner's payout id is not found", async () => {
      const a = await aliceClient.api()
      const b = await bobClient.api()
      const mine = await a.payouts.list()
      expect(mine).toHaveLength(1)
      expect(mine[0]).toMatchObject({
        amount: { amountMinor: 3_000, currency: 'EUR' },
        status: 'paid',
        lines: 1,
      })
      expect(await b.payouts.list()).toEqual([])
      const payoutId = mine[0]!.id
      await expect(b.payouts.get({ payoutId })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(b.payouts.statement({ payoutId, format: 'pdf' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      const detail = await a.payouts.get({ payoutId })
      expect(detail.items.map((i) => i.amount.amountMinor)).toEqual([3_000])

      const pdf = await a.payouts.statement({ payoutId, format: 'pdf' })
      expect(Buffer.from(pdf.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
      const csv = await a.payouts.statement({ payoutId, format: 'csv' })
      expect(csv.data).toContain('Total paid,30.00,EUR')
      const month = new Date().toISOString().slice(0, 7)
      const bobMonth = await b.payouts.statement({ month, format: 'csv' })
      expect(bobMonth.data).not.toContain('30.00,EUR')
      expect(bobMonth.data).toContain('50.00,EUR')

      expect((await a.payouts.summary()).balances.paid).toEqual([{ amountMinor: 3_000, currency: 'EUR' }])
      expect((await b.payouts.summary()).balances.paid).toEqual([])
      expect((await b.payouts.summary()).balances.approved).toEqual([{ amountMinor: 5_000, currency: 'EUR' }])
    })
  })

  describe('referrals (issue 9)', () => {
    it('shows each partner only its own referred friends, invitations and rewards', async () => {
      await stores.db
        .updateTable('customers')
        .set({ referrer_partner_id: bob, referred_at: new Date(at(3)) })
        .where('external_id', '=', 'friend-1')
        .execute()
      const b = await (await bobClient.api()).referrals.overview({})
      expect(b.friends).toHaveLength(1)
      expect(b.totals).toMatchObject({ pending: [{ amountMinor: 2_000, currency: 'EUR' }], referred: 1 })
      const a = await (await aliceClient.api()).referrals.overview({})
      expect(a.friends).toEqual([])
      expect(a.totals.pending).toEqual([])
      const sneaky = await (await aliceClient.api()).referrals.overview({ partnerId: bob } as {
        programId?: string
      })
      expect(sneaky.friends).toEqual([])

      const other = await insertProgram(stores, { name: 'Not mine', kind: 'referral' })
      await expect((await aliceClient.api()).referrals.overview({ programId: other })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
      await expect(
        (await aliceClient.api()).referrals.leaderboard({ programId: other }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await expect(
        (await aliceClient.api()).referrals.invite({ programId: other, email: 'x@example.com' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' })
      expect(await (await aliceClient.api()).referrals.leaderboard({ programId: program })).toEqual({
        enabled: false,
        rows: [],
      })
    })

    it('limits invitations to 20 a day and never to the partner themselves', async () => {
      const api = await aliceClient.api()
      const alicesEmail = (
        await stores.db
          .selectFrom('partners')
          .select('email')
          .where('id', '=', alice)
          .executeTakeFirstOrThrow()
      ).email
      await expect(api.referrals.invite({ programId: program, email: alicesEmail })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      })
      for (let i = 0; i < 20; i++)
        await api.referrals.invite({ programId: program, email: `f${i}@friends.example` })
      await expect(
        api.referrals.invite({ programId: program, email: 'f21@friends.example' }),
      ).rejects.toMatchObject({
        code: 'TOO_MANY_REQUESTS',
      })
      // Bob's own allowance is his: Alice's invitations do not count against it, and he cannot
      // re-invite a friend Alice invited this month.
      const bobApi = await bobClient.api()
      await expect(
        bobApi.referrals.invite({ programId: program, email: 'f0@friends.example' }),
      ).rejects.toMatchObject({ code: 'CONFLICT' })
      await expect(
        bobApi.referrals.invite({ programId: program, email: 'g0@friends.example' }),
      ).resolves.toEqual({ ok: true })
      const bobs = (await bobApi.referrals.overview({})).invitations
      expect(bobs.map((i) => i.to)).toEqual(['g0@friends.example'])
    })
  })
})
