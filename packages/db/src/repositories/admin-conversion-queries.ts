import { type Kysely, sql } from 'kysely'
import type { ConversionStatus, Database } from '../postgres/schema.ts'

/** One conversion as the admin's detail view shows it: facts, explanations, refunds, ledger, audit. */
export interface AdminConversionDetail {
  id: string
  programId: string
  programName: string
  programSlug: string
  event: string
  orderId: string
  status: ConversionStatus
  source: string
  currency: string
  amountMinor: number
  taxMinor: number
  shippingMinor: number
  refundedMinor: number
  partnerId: string | null
  partnerName: string | null
  customerExternalId: string | null
  couponCode: string | null
  clickId: string | null
  subIds: Record<string, string>
  lineItems: unknown[]
  attribution: Record<string, unknown>
  fraudFlags: { code: string; reason: string }[]
  occurredAt: Date
  holdUntil: Date | null
  decidedAt: Date | null
  ruleSetVersion: number | null
  supersededBy: string | null
  refunds: { refundId: string; amountMinor: number; source: string; createdAt: Date }[]
  ledger: {
    id: string
    partnerId: string
    partnerName: string
    level: number
    kind: string
    ruleName: string | null
    amountMinor: number
    currency: string
    status: string
    explanation: string
    reversesId: string | null
    payoutStatus: string | null
    createdAt: Date
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

export async function findAdminConversionDetail(
  db: Kysely<Database>,
  id: string,
): Promise<AdminConversionDetail | null> {
  const c = await db
    .selectFrom('conversions as c')
    .innerJoin('programs as g', 'g.id', 'c.program_id')
    .leftJoin('partners as p', 'p.id', 'c.partner_id')
    .leftJoin('customers as cu', 'cu.id', 'c.customer_id')
    .selectAll('c')
    .select(['g.name as program_name', 'g.slug as program_slug', 'p.name as partner_name', 'cu.external_id'])
    .where('c.id', '=', id)
    .executeTakeFirst()
  if (!c) return null
  const [refunds, ledger, audit] = await Promise.all([
    db
      .selectFrom('conversion_refunds')
      .select(['refund_id', 'amount_minor', 'source', 'created_at'])
      .where('conversion_id', '=', id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('commissions as m')
      .innerJoin('partners as p', 'p.id', 'm.partner_id')
      .leftJoin('commission_rules as r', 'r.id', 'm.rule_id')
      .leftJoin('payout_items as i', 'i.commission_id', 'm.id')
      .leftJoin('payouts as o', 'o.id', 'i.payout_id')
      .select([
        'm.id',
        'm.partner_id',
        'p.name as partner_name',
        'm.level',
        'm.kind',
        'r.name as rule_name',
        'm.amount_minor',
        'm.currency',
        'm.status',
        'm.explanation',
        'm.reverses_id',
        'o.status as payout_status',
        'm.created_at',
      ])
      .where('m.conversion_id', '=', id)
      .orderBy('m.created_at')
      .orderBy('m.level')
      .execute(),
    db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', (j) => j.on(sql<boolean>`a.actor_type = 'user' and u.id::text = a.actor_id`))
      .select(['a.id', 'a.at', 'a.action', 'a.actor_type', 'u.name as actor_name', 'a.data'])
      .where('a.entity_type', '=', 'conversion')
      .where('a.entity_id', '=', id)
      .orderBy('a.id')
      .execute(),
  ])
  return {
    id: c.id,
    programId: c.program_id,
    programName: c.program_name,
    programSlug: c.program_slug,
    event: c.event,
    orderId: c.order_id,
    status: c.status,
    source: c.source,
    currency: c.currency.trim(),
    amountMinor: c.amount_minor,
    taxMinor: c.tax_minor,
    shippingMinor: c.shipping_minor,
    refundedMinor: c.refunded_minor,
    partnerId: c.partner_id,
    partnerName: c.partner_name,
    customerExternalId: c.external_id,
    couponCode: c.coupon_code,
    clickId: c.click_id,
    subIds: c.sub_ids ?? {},
    lineItems: Array.isArray(c.line_items) ? c.line_items : [],
    attribution: c.attribution ?? {},
    fraudFlags: Array.isArray(c.fraud_flags) ? c.fraud_flags : [],
    occurredAt: c.occurred_at,
    holdUntil: c.hold_until,
    decidedAt: c.decided_at,
    ruleSetVersion: c.rule_set_version,
    supersededBy: c.superseded_by,
    refunds: refunds.map((r) => ({
      refundId: r.refund_id,
      amountMinor: r.amount_minor,
      source: r.source,
      createdAt: r.created_at,
    })),
    ledger: ledger.map((m) => ({
      id: m.id,
      partnerId: m.partner_id,
      partnerName: m.partner_name,
      level: m.level,
      kind: m.kind,
      ruleName: m.rule_name,
      amountMinor: m.amount_minor,
      currency: m.currency.trim(),
      status: m.status,
      explanation: m.explanation,
      reversesId: m.reverses_id,
      payoutStatus: m.payout_status,
      createdAt: m.created_at,
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

/** What the review commands need to address a conversion through the write path. */
export async function findConversionRef(
  db: Kysely<Database>,
  id: string,
): Promise<{ id: string; programId: string; event: string; orderId: string; currency: string } | null> {
  const row = await db
    .selectFrom('conversions')
    .select(['id', 'program_id', 'event', 'order_id', 'currency'])
    .where('id', '=', id)
    .where('superseded_by', 'is', null)
    .executeTakeFirst()
  return row
    ? {
        id: row.id,
        programId: row.program_id,
        event: row.event,
        orderId: row.order_id,
        currency: row.currency.trim(),
      }
    : null
}
