import type { RoundingMode } from '@tandem/core'
import { type Kysely, sql } from 'kysely'
import type { Conversion, ConversionStatus, Database } from '../postgres/schema.ts'

/** The program fields recording a conversion needs. */
export interface ConversionProgram {
  id: string
  slug: string
  kind: 'affiliate' | 'referral'
  status: 'active' | 'paused' | 'archived'
  currency: string
  cookie_days: number
  hold_days: number
  rounding_mode: RoundingMode
  attribution: Record<string, unknown>
  fraud: Record<string, unknown>
  postback_token: string
  postback_hmac_secret: string
  postback_token_previous: string | null
  postback_hmac_secret_previous: string | null
  postback_previous_expires_at: Date | null
  /** Client-side conversions: 'on', 'confirm' (earn only once the server sends the order) or 'off'. */
  pixel_conversions: 'on' | 'confirm' | 'off'
  /** Largest amount of one conversion in the program's currency (null: the global ceiling). */
  max_conversion_amount_minor: number | null
  /** A conversion whose click ids were all refused: kept unattributed, or refused. */
  rejected_clicks: 'keep_unattributed' | 'refuse'
}

const programColumns = [
  'id',
  'slug',
  'kind',
  'status',
  'currency',
  'cookie_days',
  'hold_days',
  'rounding_mode',
  'attribution',
  'fraud',
  'postback_token',
  'postback_hmac_secret',
  'postback_token_previous',
  'postback_hmac_secret_previous',
  'postback_previous_expires_at',
  'pixel_conversions',
  'max_conversion_amount_minor',
  'rejected_clicks',
] as const

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A program by slug or id; null when there is none. */
export async function loadConversionProgram(
  db: Kysely<Database>,
  ref: { slug: string } | { id: string },
): Promise<ConversionProgram | null> {
  if ('id' in ref && !UUID.test(ref.id)) return null
  const query = db.selectFrom('programs').select(programColumns)
  const row = await ('slug' in ref
    ? query.where('slug', '=', ref.slug)
    : query.where('id', '=', ref.id)
  ).executeTakeFirst()
  return row ? { ...row, currency: row.currency.trim() } : null
}

/** A ledger row as an API answers it. */
export interface CommissionView {
  partnerId: string
  level: number
  kind: string
  amountMinor: number
  currency: string
  status: string
  explanation: string
}

export interface ConversionView {
  id: string
  programId: string
  event: string
  orderId: string
  status: string
  amountMinor: number
  refundedMinor: number
  currency: string
  partnerId: string | null
  holdUntil: string | null
  fraudFlags: { code: string; reason: string }[]
}

export interface StoredConversion {
  /** Who recorded it: a 'snippet' conversion gives way to an authenticated one. */
  source: Conversion['source']
  conversion: ConversionView
  commissions: CommissionView[]
}

export function commissionView(c: {
  partner_id: string
  level: number
  kind: string
  amount_minor: number
  currency: string
  status: string
  explanation: string
}): CommissionView {
  return {
    partnerId: c.partner_id,
    level: c.level,
    kind: c.kind,
    amountMinor: c.amount_minor,
    currency: c.currency.trim(),
    status: c.status,
    explanation: c.explanation,
  }
}

/** The live (not superseded) conversion of an order and its ledger rows. */
export async function loadConversionView(
  db: Kysely<Database>,
  programId: string,
  event: string,
  orderId: string,
): Promise<StoredConversion | null> {
  const row = await db
    .selectFrom('conversions')
    .select([
      'id',
      'source',
      'program_id',
      'event',
      'order_id',
      'status',
      'amount_minor',
      'refunded_minor',
      'currency',
      'partner_id',
      'hold_until',
      'fraud_flags',
    ])
    .where('program_id', '=', programId)
    .where('event', '=', event)
    .where('order_id', '=', orderId)
    .where('superseded_by', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  const commissions = await db
    .selectFrom('commissions')
    .select(['partner_id', 'level', 'kind', 'amount_minor', 'currency', 'status', 'explanation'])
    .where('conversion_id', '=', row.id)
    .orderBy('created_at')
    .orderBy('level')
    .orderBy('id')
    .execute()
  return {
    source: row.source,
    conversion: {
      id: row.id,
      programId: row.program_id,
      event: row.event,
      orderId: row.order_id,
      status: row.status,
      amountMinor: row.amount_minor,
      refundedMinor: row.refunded_minor,
      currency: row.currency.trim(),
      partnerId: row.partner_id,
      holdUntil: row.hold_until ? row.hold_until.toISOString() : null,
      fraudFlags: Array.isArray(row.fraud_flags) ? row.fraud_flags : [],
    },
    commissions: commissions.map(commissionView),
  }
}

/** Whether the program has a live conversion of another event with this order id. */
export async function orderIdUsedByOtherEvent(
  db: Kysely<Database>,
  programId: string,
  event: string,
  orderId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('conversions')
    .select('id')
    .where('program_id', '=', programId)
    .where('order_id', '=', orderId)
    .where('event', '<>', event)
    .where('superseded_by', 'is', null)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Creates the customer or fills what it lacks (a lifetime referrer is set once, never replaced). */
export async function upsertCustomer(
  trx: Kysely<Database>,
  c: {
    programId: string
    externalId: string
    emailHash: string | null
    firstSeenAt: Date
    referrerPartnerId: string | null
  },
): Promise<string> {
  const row = await trx
    .insertInto('customers')
    .values({
      program_id: c.programId,
      external_id: c.externalId,
      email_hash: c.emailHash,
      first_seen_at: c.firstSeenAt,
      referrer_partner_id: c.referrerPartnerId,
      referred_at: c.referrerPartnerId ? c.firstSeenAt : null,
      created_at: c.firstSeenAt,
    })
    .onConflict((oc) =>
      oc.columns(['program_id', 'external_id']).doUpdateSet((eb) => ({
        email_hash: eb.fn.coalesce('customers.email_hash', 'excluded.email_hash'),
        referrer_partner_id: eb.fn.coalesce('customers.referrer_partner_id', 'excluded.referrer_partner_id'),
        referred_at: eb.fn.coalesce('customers.referred_at', 'excluded.referred_at'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export interface ConversionRecord {
  id: string
  programId: string
  event: string
  orderId: string
  customerId: string | null
  partnerId: string | null
  status: ConversionStatus
  amountMinor: number
  taxMinor: number
  shippingMinor: number
  currency: string
  clickId: string | null
  couponCode: string | null
  source: Conversion['source']
  attribution: Record<string, unknown>
  fraudFlags: { code: string; reason: string }[]
  subIds: Record<string, string>
  lineItems: unknown[]
  occurredAt: Date
  holdUntil: Date | null
  decidedAt: Date | null
  ruleSetVersion: number | null
  createdAt: Date
}

/**
 * Inserts a conversion; false when the order already has a live one (the partial unique index
 * decides, so a hundred concurrent copies of one postback make one conversion).
 */
export async function insertConversion(trx: Kysely<Database>, c: ConversionRecord): Promise<boolean> {
  const inserted = await trx
    .insertInto('conversions')
    .values({
      id: c.id,
      program_id: c.programId,
      event: c.event,
      order_id: c.orderId,
      customer_id: c.customerId,
      partner_id: c.partnerId,
      status: c.status,
      amount_minor: c.amountMinor,
      tax_minor: c.taxMinor,
      shipping_minor: c.shippingMinor,
      currency: c.currency,
      click_id: c.clickId,
      coupon_code: c.couponCode,
      source: c.source,
      attribution: JSON.stringify(c.attribution),
      fraud_flags: JSON.stringify(c.fraudFlags),
      sub_ids: JSON.stringify(c.subIds),
      line_items: JSON.stringify(c.lineItems),
      occurred_at: c.occurredAt,
      hold_until: c.holdUntil,
      decided_at: c.decidedAt,
      rule_set_version: c.ruleSetVersion,
      created_at: c.createdAt,
    })
    .onConflict((oc) =>
      oc.columns(['program_id', 'event', 'order_id']).where('superseded_by', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}

export interface LockedOrderConversion {
  id: string
  source: Conversion['source']
  status: ConversionStatus
  amountMinor: number
  refundedMinor: number
  currency: string
  partnerId: string | null
  holdUntil: Date | null
  occurredAt: Date
  decidedAt: Date | null
  createdAt: Date
  refunds: { refundId: string; amountMinor: number }[]
}

/**
 * A live conversion, locked for the caller's transaction, with its applied refunds: found by its
 * order, or by id (then also only while not superseded).
 */
export async function lockLiveConversion(
  trx: Kysely<Database>,
  ref: { programId: string; event: string; orderId: string } | { id: string },
): Promise<LockedOrderConversion | null> {
  let query = trx
    .selectFrom('conversions')
    .select([
      'id',
      'source',
      'status',
      'amount_minor',
      'refunded_minor',
      'currency',
      'partner_id',
      'hold_until',
      'occurred_at',
      'decided_at',
      'created_at',
    ])
    .where('superseded_by', 'is', null)
  query =
    'id' in ref
      ? query.where('id', '=', ref.id)
      : query
          .where('program_id', '=', ref.programId)
          .where('event', '=', ref.event)
          .where('order_id', '=', ref.orderId)
  const row = await query.forUpdate().executeTakeFirst()
  if (!row) return null
  const refunds = await trx
    .selectFrom('conversion_refunds')
    .select(['refund_id', 'amount_minor'])
    .where('conversion_id', '=', row.id)
    .execute()
  return {
    id: row.id,
    source: row.source,
    status: row.status,
    amountMinor: row.amount_minor,
    refundedMinor: row.refunded_minor,
    currency: row.currency.trim(),
    partnerId: row.partner_id,
    holdUntil: row.hold_until,
    occurredAt: row.occurred_at,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    refunds: refunds.map((r) => ({ refundId: r.refund_id, amountMinor: r.amount_minor })),
  }
}

export async function insertConversionRefund(
  trx: Kysely<Database>,
  r: {
    conversionId: string
    refundId: string
    amountMinor: number
    currency: string
    source: Conversion['source']
    now: Date
  },
): Promise<void> {
  await trx
    .insertInto('conversion_refunds')
    .values({
      conversion_id: r.conversionId,
      refund_id: r.refundId,
      amount_minor: r.amountMinor,
      currency: r.currency,
      source: r.source,
      created_at: r.now,
    })
    .execute()
}

export async function updateConversionState(
  trx: Kysely<Database>,
  id: string,
  s: { status: ConversionStatus; refundedMinor: number; decidedAt?: Date; supersededBy?: string },
): Promise<void> {
  await trx
    .updateTable('conversions')
    .set({
      status: s.status,
      refunded_minor: s.refundedMinor,
      ...(s.decidedAt ? { decided_at: s.decidedAt } : {}),
      ...(s.supersededBy ? { superseded_by: s.supersededBy } : {}),
    })
    .where('id', '=', id)
    .execute()
}

/** The click ids and coupon a (pixel) conversion came with. */
export async function loadConversionTouches(
  db: Kysely<Database>,
  conversionId: string,
): Promise<{ clickIds: string[]; coupon: string | null }> {
  const row = await db
    .selectFrom('conversions')
    .select(['attribution', 'coupon_code'])
    .where('id', '=', conversionId)
    .executeTakeFirst()
  const ids = (row?.attribution as { clickIds?: unknown } | undefined)?.clickIds
  return {
    clickIds: Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [],
    coupon: row?.coupon_code ?? null,
  }
}

/**
 * Serializes pricing per partner: two conversions of one partner priced at once would both read
 * the period volume without the other and both pay the tier below the edge. A transaction-scoped
 * advisory lock per (program, partner), taken in a fixed order so two conversions never deadlock.
 */
export async function lockPartnerPeriods(
  trx: Kysely<Database>,
  programId: string,
  partnerIds: readonly string[],
): Promise<void> {
  for (const partnerId of [...new Set(partnerIds)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`period:${programId}:${partnerId}`}, 0))`.execute(
      trx,
    )
  }
}
