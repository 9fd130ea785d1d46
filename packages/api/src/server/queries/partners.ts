import type { Stores } from '@tandem/db'
import { sql } from 'kysely'
import { z } from 'zod'
import type { partnersListInput, partnersListOutput } from '../schemas/admin.ts'
import { chInt, chRows } from './clickhouse.ts'
import { decodeCursor, paginate, textIdCursor } from './cursor.ts'
import { endOfDay, lastDays, startOfDay } from './days.ts'
import { moneyList } from './money-rows.ts'

type Params = z.output<typeof partnersListInput> & { today: Date }
type Page = z.output<typeof partnersListOutput>

/** LIKE pattern that matches `text` literally anywhere. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** Partners by name, with clicks, conversions and earnings over a period (default: last 30 days). */
export async function listPartners(stores: Stores, p: Params): Promise<Page> {
  const { db } = stores
  const period = p.from && p.to ? { from: p.from, to: p.to } : lastDays(p.today, 30)
  const after = decodeCursor(p.cursor, textIdCursor)
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
  const stats = ids.length ? await partnerStats(stores, { ids, ...period, programId: p.programId }) : null

  const page = paginate(
    rows,
    p.limit,
    (r) => [r.name, r.id],
    (r) => ({
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

// Aliases differ from column names: ClickHouse would read an alias in WHERE instead of the column.
const partnerClicksRow = z.object({ pid: z.string(), human_clicks: chInt })

async function partnerStats(
  stores: Stores,
  p: { ids: string[]; from: string; to: string; programId: string | undefined },
) {
  const { db } = stores
  const start = startOfDay(p.from)
  const end = endOfDay(p.to)
  const chFilters = ['partner_id IN {ids:Array(UUID)}', 'day >= {from:Date}', 'day <= {to:Date}']
  if (p.programId) chFilters.push('program_id = {programId:UUID}')

  const [enrollmentRows, clickRows, conversionRows, earningRows] = await Promise.all([
    db
      .selectFrom('program_enrollments as e')
      .innerJoin('programs as g', 'g.id', 'e.program_id')
      .select(['e.partner_id', 'e.program_id', 'g.name as program_name', 'e.status'])
      .where('e.partner_id', 'in', p.ids)
      .orderBy('g.name')
      .execute(),
    chRows(
      stores.ch,
      `SELECT toString(partner_id) AS pid, sum(clicks) - sum(bot_clicks) AS human_clicks
         FROM clicks_daily_v1
        WHERE ${chFilters.join(' AND ')}
        GROUP BY partner_id`,
      { ids: p.ids, from: p.from, to: p.to, programId: p.programId },
      partnerClicksRow,
    ),
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

  const enrollments = new Map<
    string,
    { programId: string; programName: string; status: (typeof enrollmentRows)[number]['status'] }[]
  >()
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
    clicks: new Map(clickRows.map((r) => [r.pid, r.human_clicks])),
    conversions: new Map(conversionRows.flatMap((r) => (r.partner_id ? [[r.partner_id, r.n] as const] : []))),
    earnings,
  }
}
