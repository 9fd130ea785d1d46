import type { ClickHouseClient } from '@clickhouse/client'
import type { Money } from '@tandem/core'
import { type Kysely, sql } from 'kysely'
import { humanClicksByPartner } from '../clickhouse/rollups.ts'
import type { Database, EnrollmentStatus } from '../postgres/schema.ts'
import { type KeysetKey, type KeysetPage, keysetPage } from './shared/keyset-page.ts'
import { moneyList } from './shared/money-totals.ts'
import { endOfDay, lastDays, startOfDay } from './shared/utc-days.ts'

export interface PartnerListParams {
  programId?: string | undefined
  /** Enrollment status (in programId when given, else in any program). */
  status?: EnrollmentStatus | undefined
  /** Matches name or email anywhere, case-insensitive, taken literally. */
  search?: string | undefined
  /** Stats period (UTC days, both included); without both, the last 30 days up to `today`. */
  from?: string | undefined
  to?: string | undefined
  today: Date
  limit: number
  /** [name, id] of the previous page's last partner (its nextKey). */
  after: KeysetKey | null
}

export interface PartnerEnrollment {
  programId: string
  programName: string
  status: EnrollmentStatus
}

export interface PartnerListItem {
  id: string
  name: string
  email: string
  type: 'affiliate' | 'ambassador'
  status: 'active' | 'suspended' | 'deactivated'
  country: string | null
  flagged: boolean
  /** ISO instant. */
  createdAt: string
  enrollments: PartnerEnrollment[]
  /** Human clicks in the period (programId's only when given). */
  clicks: number
  /** Conversions attributed to the partner in the period, rejected excluded. */
  conversions: number
  /** The partner's ledger rows created in the period, rejected excluded, per currency. */
  earnings: Money[]
}

export interface PartnerListPage extends KeysetPage<PartnerListItem> {
  /** The stats period used. */
  from: string
  to: string
}

/** LIKE pattern that matches `text` literally anywhere. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** Partners by name, with clicks, conversions and earnings over a period (default: last 30 days). */
export async function listPartners(
  db: Kysely<Database>,
  ch: ClickHouseClient,
  p: PartnerListParams,
): Promise<PartnerListPage> {
  const period = p.from && p.to ? { from: p.from, to: p.to } : lastDays(p.today, 30)
  const after = p.after
  const search = p.search ? containsPattern(p.search) : null
  const filterEnrollment = p.programId !== undefined || p.status !== undefined

  const rows = await db
    .selectFrom('partners as pa')
    .select([
      'pa.id',
      'pa.name',
      'pa.email',
      'pa.type',
      'pa.status',
      'pa.country',
      'pa.flagged',
      'pa.created_at',
    ])
    .$if(search !== null, (q) =>
      q.where((eb) => eb.or([eb('pa.name', 'ilike', search!), eb('pa.email', 'ilike', search!)])),
    )
    .$if(filterEnrollment, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('program_enrollments as e')
            .select(sql`1`.as('one'))
            .whereRef('e.partner_id', '=', 'pa.id')
            .$if(p.programId !== undefined, (s) => s.where('e.program_id', '=', p.programId!))
            .$if(p.status !== undefined, (s) => s.where('e.status', '=', p.status!)),
        ),
      ),
    )
    .$if(after !== null, (q) => q.where(sql<boolean>`(pa.name, pa.id) > (${after![0]}, ${after![1]}::uuid)`))
    .orderBy('pa.name')
    .orderBy('pa.id')
    .limit(p.limit + 1)
    .execute()

  const ids = rows.slice(0, p.limit).map((r) => r.id)
  const stats = ids.length ? await partnerStats(db, ch, { ids, ...period, programId: p.programId }) : null

  const page = keysetPage(
    rows,
    p.limit,
    (r) => [r.name, r.id],
    (r): PartnerListItem => ({
      id: r.id,
      name: r.name,
      email: r.email,
      type: r.type,
      status: r.status,
      country: r.country?.trim() ?? null,
      flagged: r.flagged,
      createdAt: r.created_at.toISOString(),
      enrollments: stats?.enrollments.get(r.id) ?? [],
      clicks: stats?.clicks.get(r.id) ?? 0,
      conversions: stats?.conversions.get(r.id) ?? 0,
      earnings: moneyList(stats?.earnings.get(r.id) ?? []),
    }),
  )
  return { ...page, ...period }
}

async function partnerStats(
  db: Kysely<Database>,
  ch: ClickHouseClient,
  p: { ids: string[]; from: string; to: string; programId: string | undefined },
) {
  const start = startOfDay(p.from)
  const end = endOfDay(p.to)

  const [enrollmentRows, clicks, conversionRows, earningRows] = await Promise.all([
    db
      .selectFrom('program_enrollments as e')
      .innerJoin('programs as g', 'g.id', 'e.program_id')
      .select(['e.partner_id', 'e.program_id', 'g.name as program_name', 'e.status'])
      .where('e.partner_id', 'in', p.ids)
      .orderBy('g.name')
      .execute(),
    humanClicksByPartner(ch, { partnerIds: p.ids, from: p.from, to: p.to, programId: p.programId }),
    db
      .selectFrom('conversions')
      .select(['partner_id', sql<number>`count(*)`.as('n')])
      .where('partner_id', 'in', p.ids)
      .where('occurred_at', '>=', start)
      .where('occurred_at', '<', end)
      .where('status', '<>', 'rejected')
      .$if(p.programId !== undefined, (q) => q.where('program_id', '=', p.programId!))
      .groupBy('partner_id')
      .execute(),
    db
      .selectFrom('commissions')
      .select(['partner_id', 'currency', sql<number>`sum(amount_minor)::bigint`.as('amount')])
      .where('partner_id', 'in', p.ids)
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .where('status', '<>', 'rejected')
      .$if(p.programId !== undefined, (q) => q.where('program_id', '=', p.programId!))
      .groupBy(['partner_id', 'currency'])
      .execute(),
  ])

  const enrollments = new Map<string, PartnerEnrollment[]>()
  for (const r of enrollmentRows) {
    const list = enrollments.get(r.partner_id) ?? []
    list.push({ programId: r.program_id, programName: r.program_name, status: r.status })
    enrollments.set(r.partner_id, list)
  }
  const earnings = new Map<string, { currency: string; amountMinor: number }[]>()
  for (const r of earningRows) {
    const list = earnings.get(r.partner_id) ?? []
    list.push({ currency: r.currency, amountMinor: r.amount })
    earnings.set(r.partner_id, list)
  }
  return {
    enrollments,
    clicks,
    conversions: new Map(conversionRows.flatMap((r) => (r.partner_id ? [[r.partner_id, r.n] as const] : []))),
    earnings,
  }
}
