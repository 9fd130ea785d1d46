import type { FxTable, PartnerStatus, PeriodVolume } from '@tandem/core'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/** What attribution, fraud scoring and pricing read about a conversion's touches and partners. */

export interface LinkOwner {
  id: number
  programId: string
  partnerId: string
}

export async function loadLinkOwners(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, LinkOwner>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('links')
    .select(['id', 'program_id', 'partner_id'])
    .where('id', 'in', [...ids])
    .execute()
  return new Map(rows.map((r) => [r.id, { id: r.id, programId: r.program_id, partnerId: r.partner_id }]))
}

/** An active coupon of the program, any case. */
export async function loadCoupon(
  db: Kysely<Database>,
  programId: string,
  code: string,
): Promise<{ code: string; partnerId: string } | null> {
  const row = await db
    .selectFrom('coupons')
    .select(['code', 'partner_id'])
    .where('program_id', '=', programId)
    .where(sql<string>`upper(code)`, '=', code.toUpperCase())
    .where('status', '=', 'active')
    .executeTakeFirst()
  return row ? { code: row.code, partnerId: row.partner_id } : null
}

/** How often a coupon was used by the program's conversions since `since`. */
export async function countCouponUses(
  db: Kysely<Database>,
  programId: string,
  code: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('conversions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('program_id', '=', programId)
    .where(sql<string>`upper(coupon_code)`, '=', code.toUpperCase())
    .where('occurred_at', '>=', since)
    .where('superseded_by', 'is', null)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

export interface CustomerRow {
  id: string
  referrerPartnerId: string | null
  referredAt: Date | null
  emailHash: string | null
}

export async function loadCustomer(
  db: Kysely<Database>,
  programId: string,
  externalId: string,
): Promise<CustomerRow | null> {
  const row = await db
    .selectFrom('customers')
    .select(['id', 'referrer_partner_id', 'referred_at', 'email_hash'])
    .where('program_id', '=', programId)
    .where('external_id', '=', externalId)
    .executeTakeFirst()
  return row
    ? {
        id: row.id,
        referrerPartnerId: row.referrer_partner_id,
        referredAt: row.referred_at,
        emailHash: row.email_hash,
      }
    : null
}

export interface PartnerFacts {
  id: string
  status: PartnerStatus
  emailHash: string
  groupId: string | null
  parentId: string | null
}

/**
 * Partners with their standing in this program (partners.status and the enrollment together), and
 * their parents up to `depth` levels for multi-level rules. A partner with no enrollment in the
 * program is absent from the map: core treats it as ineligible.
 */
export async function loadPartnerFacts(
  db: Kysely<Database>,
  programId: string,
  ids: readonly string[],
  depth = 5,
): Promise<Map<string, PartnerFacts>> {
  if (ids.length === 0) return new Map()
  const rows = await sql<{
    id: string
    status: 'active' | 'suspended' | 'deactivated'
    email_hash: string
    parent_partner_id: string | null
    enrollment_status: 'pending' | 'approved' | 'rejected' | 'suspended' | null
    group_id: string | null
  }>`
    with recursive chain(id, depth) as (
      select p.id, 0 from partners p where p.id = any(${sql.val([...ids])}::uuid[])
      union
      select p.parent_partner_id, c.depth + 1 from chain c join partners p on p.id = c.id
      where p.parent_partner_id is not null and c.depth < ${depth}
    )
    select distinct p.id, p.status, p.email_hash, p.parent_partner_id, e.status as enrollment_status, e.group_id
    from chain c
    join partners p on p.id = c.id
    left join program_enrollments e on e.partner_id = p.id and e.program_id = ${programId}
  `.execute(db)
  const out = new Map<string, PartnerFacts>()
  for (const r of rows.rows) {
    const status = partnerStatus(r.status, r.enrollment_status)
    if (!status) continue
    out.set(r.id, {
      id: r.id,
      status,
      emailHash: r.email_hash,
      groupId: r.group_id,
      parentId: r.parent_partner_id,
    })
  }
  return out
}

/** partners.status × program_enrollments.status → core's PartnerStatus (null: not in the program). */
function partnerStatus(
  partner: 'active' | 'suspended' | 'deactivated',
  enrollment: 'pending' | 'approved' | 'rejected' | 'suspended' | null,
): PartnerStatus | null {
  if (enrollment === null) return null
  if (partner === 'deactivated') return 'deactivated'
  if (partner === 'suspended' || enrollment === 'suspended') return 'suspended'
  if (enrollment === 'approved') return 'active'
  return enrollment
}

/** Where period sums are clamped: 2^52, half the safe range, so core can still add this conversion. */
export const PERIOD_SUM_LIMIT = 2 ** 52

/**
 * A Postgres sum (numeric, as text) as a safe integer. Amounts are capped at the edge, but rows
 * written before the cap (or by other writers) must not make every later conversion of the
 * partner fail: a sum beyond ±2^52 counts as 2^52 (above any tier a program can define).
 */
export function clampedSum(sum: string | number): number {
  const value = BigInt(String(sum).split('.')[0] || '0')
  const limit = BigInt(PERIOD_SUM_LIMIT)
  if (value > limit) return PERIOD_SUM_LIMIT
  if (value < -limit) return -PERIOD_SUM_LIMIT
  return Number(value)
}

/**
 * Each partner's volume in the calendar month (UTC) of the conversion, up to it: conversions and
 * revenue they were the main partner of, and commission rows written to them this month. Read
 * under lockPartnerPeriods, in the transaction that writes the new conversion, so concurrent
 * conversions are priced as if one came after the other.
 */
export async function loadPeriodVolumes(
  db: Kysely<Database>,
  program: { id: string; currency: string },
  partnerIds: readonly string[],
  occurredAt: Date,
): Promise<Map<string, PeriodVolume>> {
  const out = new Map<string, PeriodVolume>()
  if (partnerIds.length === 0) return out
  const start = new Date(Date.UTC(occurredAt.getUTCFullYear(), occurredAt.getUTCMonth(), 1))
  const ids = [...partnerIds]
  const conversions = await db
    .selectFrom('conversions')
    .select((eb) => [
      'partner_id',
      eb.fn.countAll<number>().as('n'),
      sql<string>`coalesce(sum(amount_minor - refunded_minor), 0)::text`.as('revenue'),
    ])
    .where('program_id', '=', program.id)
    .where('partner_id', 'in', ids)
    .where('superseded_by', 'is', null)
    .where('occurred_at', '>=', start)
    .where('occurred_at', '<=', occurredAt)
    .where('status', '<>', 'rejected')
    .where('currency', '=', program.currency)
    .groupBy('partner_id')
    .execute()
  const commissions = await db
    .selectFrom('commissions')
    .select(['partner_id', sql<string>`coalesce(sum(amount_minor), 0)::text`.as('total')])
    .where('program_id', '=', program.id)
    .where('partner_id', 'in', ids)
    .where('created_at', '>=', start)
    .where('status', '<>', 'rejected')
    .where('currency', '=', program.currency)
    .groupBy('partner_id')
    .execute()
  const money = (sum: string | number) => ({ amountMinor: clampedSum(sum), currency: program.currency })
  for (const id of ids) out.set(id, { conversions: 0, revenue: money(0), commission: money(0) })
  for (const r of conversions) {
    if (!r.partner_id) continue
    const v = out.get(r.partner_id)
    if (v) out.set(r.partner_id, { ...v, conversions: Number(r.n), revenue: money(r.revenue) })
  }
  for (const r of commissions) {
    const v = out.get(r.partner_id)
    if (v) out.set(r.partner_id, { ...v, commission: money(r.total) })
  }
  return out
}

/** Latest rates on or before the conversion's day, against the base most rates are quoted in. */
export async function loadFxTable(db: Kysely<Database>, day: Date): Promise<FxTable | null> {
  const rows = await sql<{ base: string; quote: string; rate: string }>`
    select distinct on (base, quote) trim(base) as base, trim(quote) as quote, rate::text as rate
    from fx_rates where as_of <= ${day.toISOString().slice(0, 10)}::date
    order by base, quote, as_of desc
  `.execute(db)
  if (rows.rows.length === 0) return null
  const counts = new Map<string, number>()
  for (const r of rows.rows) counts.set(r.base, (counts.get(r.base) ?? 0) + 1)
  const base = [...counts].sort((a, b) => b[1] - a[1])[0]![0]
  const rates: Record<string, string> = {}
  for (const r of rows.rows) if (r.base === base) rates[r.quote] = r.rate
  return { base, rates }
}

/** Live conversions of the program (or of one partner in it) since `since`. */
export async function countConversionsSince(
  db: Kysely<Database>,
  programId: string,
  since: Date,
  partnerId: string | null,
): Promise<number> {
  let query = db
    .selectFrom('conversions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('program_id', '=', programId)
    .where('occurred_at', '>=', since)
    .where('superseded_by', 'is', null)
  if (partnerId) query = query.where('partner_id', '=', partnerId)
  const row = await query.executeTakeFirst()
  return Number(row?.n ?? 0)
}
