import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/** Everything the admin portal's partner page shows, except activity (partnerDashboardSummary). */
export interface AdminPartnerDetail {
  id: string
  type: 'affiliate' | 'ambassador'
  name: string
  email: string
  country: string | null
  status: 'active' | 'suspended' | 'deactivated'
  flagged: boolean
  payoutHoldReason: string | null
  payoutMethod: string | null
  payoutCurrency: string | null
  parent: { id: string; name: string } | null
  hasLogin: boolean
  createdAt: Date
  enrollments: {
    programId: string
    programName: string
    currency: string
    status: string
    groupId: string | null
    groupName: string | null
    createdAt: Date
    decidedAt: Date | null
  }[]
  links: {
    id: number
    programId: string
    programName: string
    code: string
    name: string | null
    destinationUrl: string
    status: string
    createdAt: Date
  }[]
  coupons: {
    id: string
    programId: string
    programName: string
    code: string
    status: string
    discount: Record<string, unknown> | null
    createdAt: Date
  }[]
  payouts: {
    id: string
    batchId: string
    amountMinor: number
    currency: string
    method: string
    status: string
    reference: string | null
    createdAt: Date
    paidAt: Date | null
  }[]
  flaggedConversions: {
    id: string
    orderId: string
    programName: string
    status: string
    occurredAt: Date
    flags: { code: string; reason: string }[]
  }[]
  audit: {
    id: number
    at: Date
    action: string
    actorType: string
    actorName: string | null
    data: Record<string, unknown>
  }[]
}

export async function findAdminPartnerDetail(
  db: Kysely<Database>,
  partnerId: string,
): Promise<AdminPartnerDetail | null> {
  const p = await db
    .selectFrom('partners as p')
    .leftJoin('partners as parent', 'parent.id', 'p.parent_partner_id')
    .select([
      'p.id',
      'p.type',
      'p.name',
      'p.email',
      'p.country',
      'p.status',
      'p.flagged',
      'p.payout_hold_reason',
      'p.payout_method',
      'p.payout_currency',
      'p.created_at',
      'parent.id as parent_id',
      'parent.name as parent_name',
      (eb) =>
        eb
          .exists(eb.selectFrom('users as u').select('u.id').whereRef('u.partner_id', '=', 'p.id'))
          .as('has_login'),
    ])
    .where('p.id', '=', partnerId)
    .executeTakeFirst()
  if (!p) return null
  const [enrollments, links, coupons, payouts, flagged, audit] = await Promise.all([
    db
      .selectFrom('program_enrollments as e')
      .innerJoin('programs as g', 'g.id', 'e.program_id')
      .leftJoin('partner_groups as pg', 'pg.id', 'e.group_id')
      .select([
        'e.program_id',
        'g.name as program_name',
        'g.currency',
        'e.status',
        'e.group_id',
        'pg.name as group_name',
        'e.created_at',
        'e.decided_at',
      ])
      .where('e.partner_id', '=', partnerId)
      .orderBy('g.name')
      .execute(),
    db
      .selectFrom('links as l')
      .innerJoin('programs as g', 'g.id', 'l.program_id')
      .select([
        'l.id',
        'l.program_id',
        'g.name as program_name',
        'l.code',
        'l.name',
        'l.destination_url',
        'l.status',
        'l.created_at',
      ])
      .where('l.partner_id', '=', partnerId)
      .orderBy('l.created_at', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('coupons as c')
      .innerJoin('programs as g', 'g.id', 'c.program_id')
      .select([
        'c.id',
        'c.program_id',
        'g.name as program_name',
        'c.code',
        'c.status',
        'c.discount',
        'c.created_at',
      ])
      .where('c.partner_id', '=', partnerId)
      .orderBy('c.created_at', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('payouts')
      .select([
        'id',
        'batch_id',
        'amount_minor',
        'currency',
        'method',
        'status',
        'reference',
        'created_at',
        'paid_at',
      ])
      .where('partner_id', '=', partnerId)
      .orderBy('created_at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('conversions as c')
      .innerJoin('programs as g', 'g.id', 'c.program_id')
      .select(['c.id', 'c.order_id', 'g.name as program_name', 'c.status', 'c.occurred_at', 'c.fraud_flags'])
      .where('c.partner_id', '=', partnerId)
      .where(
        sql<boolean>`case when jsonb_typeof(c.fraud_flags) = 'array' then jsonb_array_length(c.fraud_flags) else 0 end > 0`,
      )
      .orderBy('c.occurred_at', 'desc')
      .limit(20)
      .execute(),
    db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', (j) => j.on(sql<boolean>`a.actor_type = 'user' and u.id::text = a.actor_id`))
      .select(['a.id', 'a.at', 'a.action', 'a.actor_type', 'u.name as actor_name', 'a.data'])
      .where((eb) =>
        eb.or([
          eb.and([eb('a.entity_type', '=', 'partner'), eb('a.entity_id', '=', partnerId)]),
          eb.and([
            eb('a.entity_type', '=', 'program_enrollment'),
            eb('a.entity_id', 'like', `%:${partnerId}`),
          ]),
          sql<boolean>`a.data->>'partner_id' = ${partnerId}`,
        ]),
      )
      .orderBy('a.id', 'desc')
      .limit(100)
      .execute(),
  ])
  return {
    id: p.id,
    type: p.type,
    name: p.name,
    email: p.email,
    country: p.country,
    status: p.status,
    flagged: p.flagged,
    payoutHoldReason: p.payout_hold_reason,
    payoutMethod: p.payout_method,
    payoutCurrency: p.payout_currency?.trim() ?? null,
    parent: p.parent_id && p.parent_name ? { id: p.parent_id, name: p.parent_name } : null,
    hasLogin: Boolean(p.has_login),
    createdAt: p.created_at,
    enrollments: enrollments.map((e) => ({
      programId: e.program_id,
      programName: e.program_name,
      currency: e.currency.trim(),
      status: e.status,
      groupId: e.group_id,
      groupName: e.group_name,
      createdAt: e.created_at,
      decidedAt: e.decided_at,
    })),
    links: links.map((l) => ({
      id: l.id,
      programId: l.program_id,
      programName: l.program_name,
      code: l.code,
      name: l.name,
      destinationUrl: l.destination_url,
      status: l.status,
      createdAt: l.created_at,
    })),
    coupons: coupons.map((c) => ({
      id: c.id,
      programId: c.program_id,
      programName: c.program_name,
      code: c.code,
      status: c.status,
      discount: c.discount,
      createdAt: c.created_at,
    })),
    payouts: payouts.map((o) => ({
      id: o.id,
      batchId: o.batch_id,
      amountMinor: o.amount_minor,
      currency: o.currency.trim(),
      method: o.method,
      status: o.status,
      reference: o.reference,
      createdAt: o.created_at,
      paidAt: o.paid_at,
    })),
    flaggedConversions: flagged.map((c) => ({
      id: c.id,
      orderId: c.order_id,
      programName: c.program_name,
      status: c.status,
      occurredAt: c.occurred_at,
      flags: c.fraud_flags,
    })),
    audit: audit.map((a) => ({
      id: a.id,
      at: a.at,
      action: a.action,
      actorType: a.actor_type,
      actorName: a.actor_name,
      data: a.data,
    })),
  }
}
