import { createHash } from 'node:crypto'
import { checkLedgerInvariants, type LedgerRow, type PayoutRecord } from '@tandem/core'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../auth/passwords.ts'
import { openTestStores } from '../testing/index.ts'
import { DEMO_LOGINS, DEMO_PASSWORD } from './demo-logins.ts'
import { isSeeded, seedDemo } from './seed-demo.ts'
import { readSeedSummary, type SeedSummary } from './summary.ts'

type TestStores = Awaited<ReturnType<typeof openTestStores>>

const NOW = new Date('2026-03-15T12:00:00.000Z')
const SCALE = 0.04

describe('seedDemo', () => {
  let passwordHash: string
  let stores: TestStores
  let summary: SeedSummary
  const lines: string[] = []

  beforeAll(async () => {
    passwordHash = await hashPassword(DEMO_PASSWORD)
    stores = await openTestStores()
    expect(await isSeeded(stores)).toBe(false)
    summary = await seedDemo(stores, { now: NOW, scale: SCALE, passwordHash, log: (l) => lines.push(l) })
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('writes what its summary says, in both stores, and reports progress', async () => {
    expect(summary.seeded).toBe(true)
    expect(await isSeeded(stores)).toBe(true)
    expect(await readSeedSummary(stores, true)).toEqual(summary)
    expect(summary.programs).toBe(2)
    expect(summary.partners).toBeGreaterThanOrEqual(16)
    expect(summary.clicks).toBeGreaterThan(7_000)
    expect(summary.conversions).toBeGreaterThan(80)
    expect(lines.some((l) => /^clicks \d+\/\d+$/.test(l))).toBe(true)
    expect(lines.some((l) => l.startsWith('postgres conversions'))).toBe(true)
  })

  it('is deterministic: the same now gives the same data, and ClickHouse dedupes the replayed batches', async () => {
    const before = await fingerprint(stores)
    // Empty Postgres again (identities restarted, as in a fresh database) and seed once more.
    const tables = Object.keys(FINGERPRINT_ORDER).map((t) => sql.table(t))
    await sql`truncate ${sql.join(tables)} restart identity cascade`.execute(stores.db)
    expect(await isSeeded(stores)).toBe(false)
    const again = await seedDemo(stores, { now: NOW, scale: SCALE, passwordHash })
    expect(again).toEqual(summary)
    expect(await fingerprint(stores)).toBe(before)
    // Same chDB engine, same batch tokens: the second seed's ClickHouse batches were dropped.
    expect((await readSeedSummary(stores, true)).clicks).toBe(summary.clicks)
  })

  it('does nothing when the stores are already seeded', async () => {
    const before = await fingerprint(stores)
    const again = await seedDemo(stores, {
      now: new Date('2026-04-01T00:00:00Z'),
      scale: SCALE,
      passwordHash,
    })
    expect(again.seeded).toBe(false)
    expect({ ...again, seeded: true }).toEqual(summary)
    expect(await fingerprint(stores)).toBe(before)
  })

  it('creates every demo login with the demo password', async () => {
    for (const login of Object.values(DEMO_LOGINS)) {
      const user = await stores.db
        .selectFrom('users')
        .leftJoin('partners', 'partners.id', 'users.partner_id')
        .select(['users.password_hash', 'users.kind', 'users.admin_role', 'partners.type'])
        .where(sql<string>`lower(users.email)`, '=', login.email)
        .executeTakeFirstOrThrow()
      expect(user.kind).toBe(login.kind)
      if (login.kind === 'admin') expect(user.admin_role).toBe(login.role)
      else expect(user.type).toBe(login.partnerType)
      expect(await verifyPassword(user.password_hash, login.password)).toBe(true)
    }
  })

  it('keeps the ledger invariants: rows reference real conversions, payouts equal their items', async () => {
    const { db } = stores
    const orphans = await sql<{ n: number }>`
      select count(*)::int as n from commissions c
      left join conversions v on v.id = c.conversion_id
      left join partners p on p.id = c.partner_id
      where v.id is null or p.id is null or v.program_id <> c.program_id`.execute(db)
    expect(orphans.rows[0]?.n).toBe(0)

    const mismatched = await sql<{ n: number }>`
      select count(*)::int as n from payouts p
      where p.amount_minor <> coalesce((select sum(i.amount_minor) from payout_items i where i.payout_id = p.id), 0)`.execute(
      db,
    )
    expect(mismatched.rows[0]?.n).toBe(0)

    const items = await sql<{ n: number; distinct_rows: number; bad: number }>`
      select count(*)::int as n, count(distinct i.commission_id)::int as distinct_rows,
        count(*) filter (where c.amount_minor <> i.amount_minor or c.partner_id <> p.partner_id
          or c.status <> 'approved')::int as bad
      from payout_items i join commissions c on c.id = i.commission_id join payouts p on p.id = i.payout_id`.execute(
      db,
    )
    expect(items.rows[0]?.n).toBeGreaterThan(0)
    expect(items.rows[0]?.distinct_rows).toBe(items.rows[0]?.n)
    expect(items.rows[0]?.bad).toBe(0)

    const batch = await db.selectFrom('payout_batches').selectAll().executeTakeFirstOrThrow()
    const payouts = await db.selectFrom('payouts').selectAll().execute()
    expect(batch.status).toBe('paid')
    expect(batch.total_minor).toBe(payouts.reduce((sum, p) => sum + p.amount_minor, 0))
    expect(summary.totals.paidMinor).toBe(batch.total_minor)

    // Core's own invariant check over everything the seed wrote.
    const rows = await db
      .selectFrom('commissions')
      .leftJoin('payout_items', 'payout_items.commission_id', 'commissions.id')
      .selectAll('commissions')
      .select('payout_items.payout_id')
      .execute()
    const ledger: LedgerRow[] = rows.map((r) => ({
      id: r.id,
      partnerId: r.partner_id,
      conversionId: r.conversion_id,
      kind: r.kind as LedgerRow['kind'],
      ruleId: r.rule_id,
      level: r.level,
      amount: { amountMinor: r.amount_minor, currency: r.currency },
      status: r.status as LedgerRow['status'],
      payoutId: r.payout_id,
      reversesRowId: r.reverses_id,
    }))
    const paid = await db.selectFrom('payout_items').selectAll().execute()
    const records: PayoutRecord[] = payouts.map((p) => ({
      id: p.id,
      partnerId: p.partner_id,
      amount: { amountMinor: p.amount_minor, currency: p.currency },
      rowIds: paid.filter((i) => i.payout_id === p.id).map((i) => i.commission_id),
    }))
    expect(checkLedgerInvariants({ rows: ledger, payouts: records })).toEqual([])

    // Balances per partner: every row is exactly one of pending, approved-unpaid, paid or rejected.
    const balances = await sql<{
      partner_id: string
      total: number
      pending: number
      approved_unpaid: number
      paid: number
      rejected: number
    }>`
      select c.partner_id, sum(c.amount_minor)::int8 as total,
        coalesce(sum(c.amount_minor) filter (where c.status = 'pending'), 0)::int8 as pending,
        coalesce(sum(c.amount_minor) filter (where c.status = 'approved' and i.commission_id is null), 0)::int8 as approved_unpaid,
        coalesce(sum(c.amount_minor) filter (where i.commission_id is not null), 0)::int8 as paid,
        coalesce(sum(c.amount_minor) filter (where c.status = 'rejected'), 0)::int8 as rejected
      from commissions c left join payout_items i on i.commission_id = c.id
      group by c.partner_id`.execute(db)
    for (const b of balances.rows) {
      expect(b.pending + b.approved_unpaid + b.paid + b.rejected).toBe(b.total)
    }
    const paidByPartner = await sql<{ partner_id: string; paid: number; items: number }>`
      select p.partner_id, sum(p.amount_minor)::int8 as paid,
        (select coalesce(sum(i.amount_minor), 0) from payout_items i join payouts q on q.id = i.payout_id
         where q.partner_id = p.partner_id)::int8 as items
      from payouts p group by p.partner_id`.execute(db)
    for (const p of paidByPartner.rows) expect(p.paid).toBe(p.items)
  })

  it('keeps conversions and their ledger rows consistent with the lifecycle', async () => {
    const bad = await sql<{ id: string; status: string }>`
      select v.id, v.status from conversions v
      where (v.status = 'reversed' and v.refunded_minor <> v.amount_minor)
         or (v.status <> 'reversed' and v.refunded_minor >= v.amount_minor and v.amount_minor > 0)
         or (v.status = 'rejected' and exists (select 1 from commissions c where c.conversion_id = v.id and c.status <> 'rejected'))
         or (v.status = 'pending' and exists (select 1 from commissions c where c.conversion_id = v.id and c.status <> 'pending'))
         or (v.status = 'pending' and v.hold_until <= ${NOW})
         or (v.status = 'reversed' and (select coalesce(sum(c.amount_minor), 0) from commissions c where c.conversion_id = v.id) <> 0)`.execute(
      stores.db,
    )
    expect(bad.rows).toEqual([])
  })

  it('ClickHouse agrees with Postgres for every seeded program', async () => {
    const programs = await stores.db.selectFrom('programs').select('id').execute()
    for (const { id } of programs) {
      const pg = await sql<{ conversions: number; net: number; commission: number }>`
        select (select count(*) from conversions where program_id = ${id})::int as conversions,
          (select coalesce(sum(amount_minor - refunded_minor), 0) from conversions where program_id = ${id})::int8 as net,
          (select coalesce(sum(amount_minor), 0) from commissions where program_id = ${id})::int8 as commission`.execute(
        stores.db,
      )
      const rs = await stores.ch.query({
        query: `SELECT countIf(type = 'conversion') AS conversions, sum(amount_minor) AS net,
                  sum(commission_minor) AS commission
                FROM events WHERE program_id = {program:UUID}`,
        query_params: { program: id },
        format: 'JSONEachRow',
      })
      const ch = (await rs.json<{ conversions: string; net: string; commission: string }>())[0]
      expect(Number(ch?.conversions)).toBe(pg.rows[0]?.conversions)
      expect(Number(ch?.net)).toBe(pg.rows[0]?.net)
      expect(Number(ch?.commission)).toBe(pg.rows[0]?.commission)
      // Each conversion's latest status in the event stream is its status in Postgres.
      const latest = await stores.ch.query({
        query: `SELECT status, count() AS n FROM (
                  SELECT conversion_id, argMax(status, (ts, type != 'conversion')) AS status
                  FROM events WHERE program_id = {program:UUID} GROUP BY conversion_id)
                GROUP BY status ORDER BY status`,
        query_params: { program: id },
        format: 'JSONEachRow',
      })
      const pgStatus = await sql<{ status: string; n: number }>`
        select status, count(*)::int as n from conversions where program_id = ${id} group by status order by status`.execute(
        stores.db,
      )
      expect(
        (await latest.json<{ status: string; n: string }>()).map((r) => ({
          status: r.status,
          n: Number(r.n),
        })),
      ).toEqual(pgStatus.rows)
      // Rollups are fed by the materialized view, so reports read the same totals.
      const rollup = await stores.ch.query({
        query: `SELECT sum(events) AS n FROM events_daily_v1 WHERE program_id = {program:UUID} AND type = 'conversion'`,
        query_params: { program: id },
        format: 'JSONEachRow',
      })
      expect(Number((await rollup.json<{ n: string }>())[0]?.n)).toBe(pg.rows[0]?.conversions)
    }
  })

  it('has the shapes the demo needs: bots, 2-tier overrides, refunds, approvals, referral rewards', async () => {
    const { db } = stores
    expect(summary.botClicks / summary.clicks).toBeGreaterThan(0.015)
    expect(summary.botClicks / summary.clicks).toBeLessThan(0.06)
    const kinds = await sql<{
      kind: string
      n: number
    }>`select kind, count(*)::int as n from commissions group by kind`.execute(db)
    const byKind = Object.fromEntries(kinds.rows.map((r) => [r.kind, r.n]))
    expect(byKind.commission).toBeGreaterThan(0)
    expect(byKind.override).toBeGreaterThan(0)
    expect((byKind.reversal ?? 0) + (byKind.clawback ?? 0)).toBeGreaterThan(0)
    for (const status of ['pending', 'approved', 'rejected', 'reversed'] as const) {
      expect(summary.conversionsByStatus[status]).toBeGreaterThan(0)
    }
    const enrollment = await sql<{ status: string }>`select distinct status from program_enrollments`.execute(
      db,
    )
    expect(enrollment.rows.map((r) => r.status).sort()).toEqual([
      'approved',
      'pending',
      'rejected',
      'suspended',
    ])
    const children = await sql<{
      n: number
    }>`select count(*)::int as n from partners where parent_partner_id is not null`.execute(db)
    expect(children.rows[0]?.n).toBeGreaterThan(0)
    const rewards = await sql<{ status: string }>`select distinct status from referral_rewards`.execute(db)
    expect(rewards.rows.map((r) => r.status)).toEqual(
      expect.arrayContaining(['qualified', 'pending', 'issued']),
    )
    const referred = await sql<{
      n: number
    }>`select count(*)::int as n from customers where referrer_partner_id is not null`.execute(db)
    expect(referred.rows[0]?.n).toBeGreaterThan(0)
    const audit = await sql<{ action: string }>`select distinct action from audit_log`.execute(db)
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['seed.demo', 'payout_batch.paid']),
    )
    // Every conversion of the affiliate program with an attributed partner points at a real link click or a coupon.
    const unexplained = await sql<{ n: number }>`
      select count(*)::int as n from conversions
      where partner_id is not null and click_id is null and coupon_code is null`.execute(db)
    expect(unexplained.rows[0]?.n).toBe(0)
  })

  it('leaves the links identity past the seeded ids, so the next link gets a fresh id', async () => {
    const owner = await stores.db
      .selectFrom('links')
      .select(['program_id', 'partner_id'])
      .executeTakeFirstOrThrow()
    const link = await stores.db
      .insertInto('links')
      .values({ ...owner, code: 'after-the-seed', destination_url: 'https://shop.example.com/' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(link.id).toBe(summary.links + 1)
    await stores.db.deleteFrom('links').where('id', '=', link.id).execute()
  })

  it('rejects a bad now or scale with a clear error', async () => {
    await expect(seedDemo(stores, { now: new Date('nope'), passwordHash })).rejects.toThrow(
      /now must be a valid Date/,
    )
    await expect(seedDemo(stores, { now: NOW, scale: 0, passwordHash })).rejects.toThrow(/scale must be/)
  })
})

/** sha256 over every seeded Postgres row in a stable order (password hashes are salted, so left out). */
async function fingerprint(stores: TestStores): Promise<string> {
  const hash = createHash('sha256')
  for (const [table, key] of Object.entries(FINGERPRINT_ORDER)) {
    const rows = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} order by ${sql.raw(key)}`.execute(stores.db)
    for (const row of rows.rows) {
      delete row.password_hash
      hash.update(`${table}:${JSON.stringify(row)}\n`)
    }
  }
  return hash.digest('hex')
}

/** Every table the seed writes, with the columns that order its rows. */
const FINGERPRINT_ORDER: Record<string, string> = {
  programs: 'id',
  partner_groups: 'id',
  partners: 'id',
  users: 'id',
  program_enrollments: 'program_id, partner_id',
  commission_rules: 'id',
  links: 'id',
  coupons: 'id',
  customers: 'id',
  conversions: 'id',
  commissions: 'id',
  referral_rewards: 'id',
  payout_batches: 'id',
  payouts: 'id',
  payout_items: 'commission_id',
  audit_log: 'id',
}
