import { sql } from 'kysely'
import type { ConversionStatus } from '../postgres/schema.ts'
import type { Stores } from '../stores.ts'
import type { DemoDataset } from './dataset.ts'

/** What the demo seed wrote (or, when it skipped, what the stores hold). Counts are rows. */
export interface SeedSummary {
  /** False when the stores already held a seed (or other data) and nothing was written. */
  readonly seeded: boolean
  /** The `now` the data is relative to, ISO 8601 (null if the stores were not seeded by the seed). */
  readonly now: string | null
  readonly scale: number | null
  readonly programs: number
  readonly partnerGroups: number
  readonly partners: number
  readonly users: number
  readonly enrollments: number
  readonly commissionRules: number
  readonly links: number
  readonly coupons: number
  readonly customers: number
  /** ClickHouse `clicks` rows of the seeded programs, and how many of them are bots. */
  readonly clicks: number
  readonly botClicks: number
  readonly conversions: number
  readonly conversionsByStatus: Readonly<Record<ConversionStatus, number>>
  /** Commission ledger rows (commissions, overrides, reversals, clawbacks). */
  readonly commissions: number
  readonly referralRewards: number
  readonly payoutBatches: number
  readonly payouts: number
  readonly payoutItems: number
  /** ClickHouse `events` rows of the seeded programs (conversions, status changes, refunds). */
  readonly events: number
  readonly auditLog: number
  readonly totals: {
    readonly currency: string
    /** Sum of amount − refunded over conversions that are not rejected. */
    readonly revenueMinor: number
    /** Sum of ledger rows that are not rejected (reversals and clawbacks included). */
    readonly commissionMinor: number
    /** Sum of paid payouts. */
    readonly paidMinor: number
  }
}

const STATUSES: readonly ConversionStatus[] = ['pending', 'approved', 'rejected', 'reversed']

/** The summary of a dataset about to be written. */
export function summarize(data: DemoDataset, now: Date, scale: number): SeedSummary {
  const pg = data.postgres
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ConversionStatus, number>
  let revenueMinor = 0
  for (const c of pg.conversions) {
    byStatus[c.status] += 1
    if (c.status !== 'rejected') revenueMinor += c.amount_minor - (c.refunded_minor ?? 0)
  }
  const commissionMinor = pg.commissions
    .filter((r) => r.status !== 'rejected')
    .reduce((sum, r) => sum + r.amount_minor, 0)
  const paidMinor = pg.payouts.filter((p) => p.status === 'paid').reduce((sum, p) => sum + p.amount_minor, 0)
  return {
    seeded: true,
    now: now.toISOString(),
    scale,
    programs: pg.programs.length,
    partnerGroups: pg.partner_groups.length,
    partners: pg.partners.length,
    users: pg.users.length,
    enrollments: pg.program_enrollments.length,
    commissionRules: pg.commission_rules.length,
    links: pg.links.length,
    coupons: pg.coupons.length,
    customers: pg.customers.length,
    clicks: data.clickhouse.clicks.length,
    botClicks: data.clickhouse.clicks.filter((c) => c.is_bot === 1).length,
    conversions: pg.conversions.length,
    conversionsByStatus: byStatus,
    commissions: pg.commissions.length,
    referralRewards: pg.referral_rewards.length,
    payoutBatches: pg.payout_batches.length,
    payouts: pg.payouts.length,
    payoutItems: pg.payout_items.length,
    events: data.clickhouse.events.length,
    auditLog: pg.audit_log.length,
    totals: { currency: 'EUR', revenueMinor, commissionMinor, paidMinor },
  }
}

/** The same summary read back from the stores (what a skipped seed reports; tests compare both). */
export async function readSeedSummary(stores: Stores, seeded = false): Promise<SeedSummary> {
  const { db, ch } = stores
  // Table names are constants of this file, never input.
  const count = async (table: string) => {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)
    return Number(r.rows[0]?.n ?? 0)
  }
  const programIds = (await db.selectFrom('programs').select('id').execute()).map((p) => p.id)
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ConversionStatus, number>
  for (const row of await db
    .selectFrom('conversions')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute()) {
    byStatus[row.status] = Number(row.n)
  }
  const money = await sql<{
    revenue: string | number | null
    commission: string | number | null
    paid: string | number | null
  }>`
    select
      (select sum(amount_minor - refunded_minor) from conversions where status <> 'rejected') as revenue,
      (select sum(amount_minor) from commissions where status <> 'rejected') as commission,
      (select sum(amount_minor) from payouts where status = 'paid') as paid`.execute(db)
  const seedRow = await db
    .selectFrom('audit_log')
    .select('data')
    .where('action', '=', 'seed.demo')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const seedData = (seedRow?.data ?? {}) as { now?: unknown; scale?: unknown }
  let clicks = 0
  let botClicks = 0
  let events = 0
  if (programIds.length > 0) {
    const c = await ch.query({
      query:
        'SELECT count() AS n, countIf(is_bot = 1) AS bots FROM clicks WHERE program_id IN {ids:Array(UUID)}',
      query_params: { ids: programIds },
      format: 'JSONEachRow',
    })
    const [clickRow] = await c.json<{ n: string; bots: string }>()
    clicks = Number(clickRow?.n ?? 0)
    botClicks = Number(clickRow?.bots ?? 0)
    const e = await ch.query({
      query: 'SELECT count() AS n FROM events WHERE program_id IN {ids:Array(UUID)}',
      query_params: { ids: programIds },
      format: 'JSONEachRow',
    })
    events = Number((await e.json<{ n: string }>())[0]?.n ?? 0)
  }
  const m = money.rows[0]
  return {
    seeded,
    now: typeof seedData.now === 'string' ? seedData.now : null,
    scale: typeof seedData.scale === 'number' ? seedData.scale : null,
    programs: programIds.length,
    partnerGroups: await count('partner_groups'),
    partners: await count('partners'),
    users: await count('users'),
    enrollments: await count('program_enrollments'),
    commissionRules: await count('commission_rules'),
    links: await count('links'),
    coupons: await count('coupons'),
    customers: await count('customers'),
    clicks,
    botClicks,
    conversions: await count('conversions'),
    conversionsByStatus: byStatus,
    commissions: await count('commissions'),
    referralRewards: await count('referral_rewards'),
    payoutBatches: await count('payout_batches'),
    payouts: await count('payouts'),
    payoutItems: await count('payout_items'),
    events,
    auditLog: await count('audit_log'),
    totals: {
      currency: 'EUR',
      revenueMinor: Number(m?.revenue ?? 0),
      commissionMinor: Number(m?.commission ?? 0),
      paidMinor: Number(m?.paid ?? 0),
    },
  }
}
