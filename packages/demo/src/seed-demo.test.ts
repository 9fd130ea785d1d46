import { checkLedgerInvariants, type LedgerRow, type PayoutRecord } from '@tandem/core'
import { verifyPassword } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_LOGINS } from './scenario/demo-logins.ts'
import { isSeeded, seedDemo } from './seed-demo.ts'
import { readSeedSummary, type SeedSummary } from './summary.ts'
import { businessContent } from './testing/business-content.ts'

type TestStores = Awaited<ReturnType<typeof openTestStores>>

const NOW = new Date('2026-03-15T12:00:00.000Z')
const SCALE = 0.04

describe('seedDemo', () => {
  let stores: TestStores
  let summary: SeedSummary
  const lines: string[] = []

  beforeAll(async () => {
    stores = await openTestStores()
    expect(await isSeeded(stores)).toBe(false)
    summary = await seedDemo(stores, { now: NOW, scale: SCALE, log: (l) => lines.push(l) })
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('writes what its summary says, in both stores, and reports progress', async () => {
    expect(summary.seeded).toBe(true)
    expect(summary.now).toBe(NOW.toISOString())
    expect(await isSeeded(stores)).toBe(true)
    expect(await readSeedSummary(stores, { now: NOW, scale: SCALE })).toEqual(summary)
    expect(summary.programs).toBe(2)
    expect(summary.partners).toBeGreaterThanOrEqual(16)
    expect(summary.clicks).toBeGreaterThan(7_000)
    expect(summary.conversions).toBeGreaterThan(80)
    // Every conversion event reached ClickHouse through the outbox relay: nothing is left queued.
    expect(summary.events).toBeGreaterThan(summary.conversions)
    expect(await stores.db.selectFrom('event_outbox').select('id').execute()).toEqual([])
    expect(lines.some((l) => /^clicks \d+\/\d+$/.test(l))).toBe(true)
    expect(lines.some((l) => /^clickhouse events \d+ \(relayed/.test(l))).toBe(true)
  })

  it('is deterministic: the same now and scale give the same business data in fresh stores; ids and secrets differ', async () => {
    const other = await openTestStores()
    try {
      // On the Postgres server the first seed ran up to 4 independent commands at once; this one
      // runs them one by one, as on PGlite: the data must not depend on it.
      const again = await seedDemo(other, { now: NOW, scale: SCALE, concurrency: 1 })
      expect(again).toEqual(summary)
      const [a, b] = [await businessContent(stores), await businessContent(other)]
      // Compared part by part so a difference names what differs.
      for (const key of Object.keys(a) as (keyof typeof a)[])
        expect({ [key]: b[key] }).toEqual({ [key]: a[key] })
      expect(a.conversions.length).toBe(summary.conversions)
      expect(a.clicks.rows).toBe(summary.clicks)
      // The services made their own ids and secrets (CSPRNG), as in production.
      const program = (s: TestStores) =>
        s.db
          .selectFrom('programs')
          .select(['id', 'postback_token', 'postback_hmac_secret'])
          .where('slug', '=', 'northwind-partners')
          .executeTakeFirstOrThrow()
      const [p1, p2] = [await program(stores), await program(other)]
      expect(p2.id).not.toBe(p1.id)
      expect(p2.postback_token).not.toBe(p1.postback_token)
      expect(p2.postback_hmac_secret).not.toBe(p1.postback_hmac_secret)
    } finally {
      await other.dispose()
    }
  })

  it('does nothing when the stores already hold programs', async () => {
    const before = await businessContent(stores)
    const again = await seedDemo(stores, { now: new Date('2026-04-01T00:00:00Z'), scale: SCALE })
    expect(again.seeded).toBe(false)
    expect({ ...again, seeded: true, now: summary.now, scale: summary.scale }).toEqual(summary)
    expect(await businessContent(stores)).toEqual(before)
  })

  it('creates every demo login with the demo password, through an accepted invitation', async () => {
    for (const login of Object.values(DEMO_LOGINS)) {
      const user = await stores.db
        .selectFrom('users')
        .leftJoin('partners', 'partners.id', 'users.partner_id')
        .select(['users.password_hash', 'users.kind', 'users.admin_role', 'partners.type'])
        .where('users.email', '=', login.email)
        .executeTakeFirstOrThrow()
      expect(user.kind).toBe(login.kind)
      if (login.kind === 'admin') expect(user.admin_role).toBe(login.role)
      else expect(user.type).toBe(login.partnerType)
      expect(await verifyPassword(user.password_hash, login.password)).toBe(true)
      const accepted = await stores.db
        .selectFrom('invitations')
        .select('accepted_at')
        .where('email', '=', login.email)
        .where('accepted_at', 'is not', null)
        .execute()
      expect(accepted).toHaveLength(1)
    }
  })

  it('recorded the history through the services, each command at the moment it happened', async () => {
    const { db } = stores
    const conversions = await db.selectFrom('conversions').selectAll().execute()
    expect(new Set(conversions.map((c) => c.source))).toEqual(new Set(['seed']))
    // The clock the seed controls is the one the commands saw: recorded when they occurred.
    for (const c of conversions) expect(c.created_at.getTime()).toBe(c.occurred_at.getTime())
    const audit = await db.selectFrom('audit_log').select(['action', 'entity_id']).execute()
    const created = new Set(audit.filter((a) => a.action === 'conversion.created').map((a) => a.entity_id))
    expect(created).toEqual(new Set(conversions.map((c) => c.id)))
    // Attributed affiliate conversions were priced by the published rule set version.
    const affiliate = await db
      .selectFrom('programs')
      .select('id')
      .where('slug', '=', 'northwind-partners')
      .executeTakeFirstOrThrow()
    const priced = conversions.filter(
      (c) => c.program_id === affiliate.id && c.partner_id && c.status !== 'rejected',
    )
    expect(priced.length).toBeGreaterThan(0)
    for (const c of priced) expect(c.rule_set_version).toBe(1)
    expect([...new Set(audit.map((a) => a.action))]).toEqual(
      expect.arrayContaining([
        'invitation.created',
        'invitation.accepted',
        'program.created',
        'group.created',
        'program.rules_published',
        'partner.created',
        'enrollment.applied',
        'enrollment.set_status',
        'enrollment.group_changed',
        'partner.payout_details_set',
        'partner.set_status',
        'partner.payouts_held',
        'link.created',
        'link.paused',
        'coupon.created',
        'conversion.created',
        'conversion.status_changed',
        'conversion.refunded',
        'conversion.approved',
        'referral.projected',
        'referral.qualified',
        'payout_batch.created',
        'payout.paid',
      ]),
    )
  })

  it('keeps the ledger invariants: rows reference real conversions, payouts equal their items', async () => {
    const { db } = stores
    const [commissions, conversions, payouts, items, batches] = await Promise.all([
      db.selectFrom('commissions').selectAll().execute(),
      db.selectFrom('conversions').selectAll().execute(),
      db.selectFrom('payouts').selectAll().execute(),
      db.selectFrom('payout_items').selectAll().execute(),
      db.selectFrom('payout_batches').selectAll().execute(),
    ])
    const byId = new Map(conversions.map((c) => [c.id, c]))
    for (const r of commissions) expect(byId.get(r.conversion_id ?? '')?.program_id).toBe(r.program_id)
    const rowById = new Map(commissions.map((c) => [c.id, c]))
    expect(items.length).toBeGreaterThan(0)
    expect(new Set(items.map((i) => i.commission_id)).size).toBe(items.length)
    for (const p of payouts) {
      const own = items.filter((i) => i.payout_id === p.id)
      expect(own.reduce((sum, i) => sum + i.amount_minor, 0)).toBe(p.amount_minor)
      for (const i of own) {
        const row = rowById.get(i.commission_id)
        expect(row).toMatchObject({
          amount_minor: i.amount_minor,
          partner_id: p.partner_id,
          status: 'approved',
        })
      }
    }
    expect(batches).toHaveLength(1)
    expect(batches[0]).toMatchObject({ status: 'paid', total_minor: summary.totals.paidMinor })
    expect(payouts.every((p) => p.status === 'paid')).toBe(true)

    // Core's own invariant check over everything the seed wrote.
    const payoutOf = new Map(items.map((i) => [i.commission_id, i.payout_id]))
    const ledger: LedgerRow[] = commissions.map((r) => ({
      id: r.id,
      partnerId: r.partner_id,
      conversionId: r.conversion_id,
      kind: r.kind as LedgerRow['kind'],
      ruleId: r.rule_id,
      level: r.level,
      amount: { amountMinor: r.amount_minor, currency: r.currency.trim() },
      status: r.status as LedgerRow['status'],
      payoutId: payoutOf.get(r.id) ?? null,
      reversesRowId: r.reverses_id,
    }))
    const records: PayoutRecord[] = payouts.map((p) => ({
      id: p.id,
      partnerId: p.partner_id,
      amount: { amountMinor: p.amount_minor, currency: p.currency.trim() },
      rowIds: items.filter((i) => i.payout_id === p.id).map((i) => i.commission_id),
    }))
    expect(checkLedgerInvariants({ rows: ledger, payouts: records })).toEqual([])
  })

  it('keeps conversions and their ledger rows consistent with the lifecycle', async () => {
    const { db } = stores
    const conversions = await db.selectFrom('conversions').selectAll().execute()
    const rows = await db.selectFrom('commissions').selectAll().execute()
    const rowsOf = (id: string) => rows.filter((r) => r.conversion_id === id)
    const bad = conversions.filter((v) => {
      const own = rowsOf(v.id)
      const needsReview = (v.attribution as { needsReview?: boolean }).needsReview === true
      return (
        (v.status === 'reversed' && v.refunded_minor !== v.amount_minor) ||
        (v.status !== 'reversed' && v.refunded_minor >= v.amount_minor && v.amount_minor > 0) ||
        (v.status === 'rejected' && own.some((r) => r.status !== 'rejected')) ||
        (v.status === 'pending' && own.some((r) => r.status !== 'pending')) ||
        // A hold that ended before now was approved, unless the conversion waits for a person.
        (v.status === 'pending' && !needsReview && (v.hold_until?.getTime() ?? 0) <= NOW.getTime()) ||
        (v.status === 'reversed' && own.reduce((sum, r) => sum + r.amount_minor, 0) !== 0)
      )
    })
    expect(bad.map((v) => [v.order_id, v.status])).toEqual([])
  })

  it('ClickHouse agrees with Postgres for every seeded program', async () => {
    const programs = await stores.db.selectFrom('programs').select('id').execute()
    for (const { id } of programs) {
      const conversions = await stores.db
        .selectFrom('conversions')
        .selectAll()
        .where('program_id', '=', id)
        .execute()
      const commissions = await stores.db
        .selectFrom('commissions')
        .selectAll()
        .where('program_id', '=', id)
        .execute()
      const rs = await stores.ch.query({
        query: `SELECT countIf(type = 'conversion') AS conversions, sum(amount_minor) AS net,
                  sum(commission_minor) AS commission
                FROM events WHERE program_id = {program:UUID}`,
        query_params: { program: id },
        format: 'JSONEachRow',
      })
      const ch = (await rs.json<{ conversions: string; net: string; commission: string }>())[0]
      expect(Number(ch?.conversions)).toBe(conversions.length)
      expect(Number(ch?.net)).toBe(conversions.reduce((sum, c) => sum + c.amount_minor - c.refunded_minor, 0))
      expect(Number(ch?.commission)).toBe(commissions.reduce((sum, c) => sum + c.amount_minor, 0))
      // Each conversion's latest status in the event stream is its status in Postgres.
      const latest = await stores.ch.query({
        query: `SELECT toString(conversion_id) AS id, argMax(status, (ts, type != 'conversion')) AS status
                FROM events WHERE program_id = {program:UUID} GROUP BY conversion_id`,
        query_params: { program: id },
        format: 'JSONEachRow',
      })
      const chStatus = Object.fromEntries(
        (await latest.json<{ id: string; status: string }>()).map((r) => [r.id, r.status]),
      )
      expect(chStatus).toEqual(Object.fromEntries(conversions.map((c) => [c.id, c.status])))
      // Rollups are fed by the materialized view, so reports read the same totals.
      const rollup = await stores.ch.query({
        query: `SELECT sum(events) AS n FROM events_daily_v1 WHERE program_id = {program:UUID} AND type = 'conversion'`,
        query_params: { program: id },
        format: 'JSONEachRow',
      })
      expect(Number((await rollup.json<{ n: string }>())[0]?.n)).toBe(conversions.length)
    }
  })

  it('has the shapes the demo needs: bots, 2-tier overrides, refunds, approvals, referral rewards, a payout', async () => {
    const { db } = stores
    expect(summary.botClicks / summary.clicks).toBeGreaterThan(0.015)
    expect(summary.botClicks / summary.clicks).toBeLessThan(0.06)
    const kinds = new Set((await db.selectFrom('commissions').select('kind').execute()).map((r) => r.kind))
    expect(kinds).toContain('commission')
    expect(kinds).toContain('override')
    expect(kinds.has('reversal') || kinds.has('clawback')).toBe(true)
    for (const status of ['pending', 'approved', 'rejected', 'reversed'] as const) {
      expect(summary.conversionsByStatus[status]).toBeGreaterThan(0)
    }
    const enrollments = await db.selectFrom('program_enrollments').select('status').execute()
    expect(new Set(enrollments.map((r) => r.status))).toEqual(
      new Set(['approved', 'pending', 'rejected', 'suspended']),
    )
    const partners = await db.selectFrom('partners').selectAll().execute()
    expect(partners.some((p) => p.parent_partner_id !== null)).toBe(true)
    expect(partners.some((p) => p.status === 'suspended')).toBe(true)
    expect(partners.some((p) => p.payout_method === 'bank_transfer')).toBe(true)
    const rewards = await db.selectFrom('referral_rewards').select(['status', 'side']).execute()
    const rewardStatuses = new Set(rewards.map((r) => r.status))
    for (const s of ['qualified', 'pending', 'issued'] as const) expect(rewardStatuses).toContain(s)
    const referred = await db
      .selectFrom('customers')
      .select('id')
      .where('referrer_partner_id', 'is not', null)
      .execute()
    expect(referred.length).toBeGreaterThan(0)
    // Every conversion with an attributed partner points at a real link click or a coupon.
    const unexplained = await db
      .selectFrom('conversions')
      .select('order_id')
      .where('partner_id', 'is not', null)
      .where('click_id', 'is', null)
      .where('coupon_code', 'is', null)
      .execute()
    expect(unexplained).toEqual([])
    // Core held some partners back from the payout and said why (suspended, no payout method, a hold).
    const created = await db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'payout_batch.created')
      .executeTakeFirstOrThrow()
    expect((created.data as { held_back: unknown[] }).held_back.length).toBeGreaterThan(0)
  })

  it('rejects a bad now or scale with a clear error', async () => {
    await expect(seedDemo(stores, { now: new Date('nope') })).rejects.toThrow(/now must be a valid Date/)
    await expect(seedDemo(stores, { now: NOW, scale: 0 })).rejects.toThrow(/scale must be/)
    await expect(seedDemo(stores, { now: NOW, concurrency: 0 })).rejects.toThrow(/concurrency must be/)
  })
})
