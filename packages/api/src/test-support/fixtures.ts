import { randomUUID } from 'node:crypto'
import type { Stores } from '@tandem/db'
import { hashPassword } from '@tandem/db'

/** Small row builders for tests: each inserts one row with sensible defaults and returns its id. */

let seq = 0
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`

export async function insertProgram(
  stores: Stores,
  over: { currency?: string; name?: string; kind?: 'affiliate' | 'referral' } = {},
): Promise<string> {
  const slug = `p-${next()}`
  const row = await stores.db
    .insertInto('programs')
    .values({
      slug,
      name: over.name ?? `Program ${slug}`,
      kind: over.kind ?? 'affiliate',
      currency: over.currency ?? 'EUR',
      attribution: {},
      rewards: null,
      fraud: {},
      default_landing_url: 'https://shop.example/',
      postback_token: `tok-${slug}`,
      postback_hmac_secret: 'secret',
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertPartner(
  stores: Stores,
  over: { name?: string; status?: 'active' | 'suspended' | 'deactivated'; programIds?: string[] } = {},
): Promise<string> {
  const tag = next()
  const row = await stores.db
    .insertInto('partners')
    .values({
      type: 'affiliate',
      name: over.name ?? `Partner ${tag}`,
      email: `partner-${tag}@example.com`,
      email_hash: tag,
      country: null,
      status: over.status ?? 'active',
      parent_partner_id: null,
      payout_method: null,
      payout_details: null,
      payout_currency: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const programId of over.programIds ?? []) {
    await stores.db
      .insertInto('program_enrollments')
      .values({
        program_id: programId,
        partner_id: row.id,
        status: 'approved',
        group_id: null,
        decided_at: null,
      })
      .execute()
  }
  return row.id
}

let cachedHash: { password: string; hash: Promise<string> } | null = null
/** argon2 is slow on purpose: tests share one hash per password. */
function hashOnce(password: string): Promise<string> {
  if (cachedHash?.password !== password) cachedHash = { password, hash: hashPassword(password) }
  return cachedHash.hash
}

export const TEST_PASSWORD = 'correct horse battery staple'

export async function insertUser(
  stores: Stores,
  over:
    | { kind: 'admin'; role?: 'owner' | 'manager' | 'viewer'; email?: string; disabled?: boolean }
    | { kind: 'partner'; partnerId: string; email?: string; disabled?: boolean },
): Promise<{ id: string; email: string }> {
  const email = over.email ?? `user-${next()}@example.com`
  const row = await stores.db
    .insertInto('users')
    .values({
      email,
      password_hash: await hashOnce(TEST_PASSWORD),
      name: `User ${email}`,
      kind: over.kind,
      admin_role: over.kind === 'admin' ? (over.role ?? 'owner') : null,
      partner_id: over.kind === 'partner' ? over.partnerId : null,
      disabled_at: over.disabled ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, email }
}

export async function insertLink(
  stores: Stores,
  p: { programId: string; partnerId: string; code?: string },
): Promise<{ id: number; code: string }> {
  const code = p.code ?? `l${next()}`
  const row = await stores.db
    .insertInto('links')
    .values({
      program_id: p.programId,
      partner_id: p.partnerId,
      code,
      name: `Link ${code}`,
      destination_url: 'https://shop.example/landing',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, code }
}

export async function insertConversion(
  stores: Stores,
  p: {
    programId: string
    partnerId: string | null
    amountMinor: number
    currency: string
    occurredAt: string | Date
    status?: 'pending' | 'approved' | 'rejected' | 'reversed'
    refundedMinor?: number
    clickId?: string
    holdUntil?: string | Date
  },
): Promise<string> {
  const row = await stores.db
    .insertInto('conversions')
    .values({
      program_id: p.programId,
      event: 'sale',
      order_id: `o-${next()}`,
      partner_id: p.partnerId,
      status: p.status ?? 'pending',
      amount_minor: p.amountMinor,
      refunded_minor: p.refundedMinor ?? 0,
      currency: p.currency,
      source: 'seed',
      attribution: {},
      fraud_flags: [],
      sub_ids: {},
      line_items: [],
      occurred_at: new Date(p.occurredAt),
      click_id: p.clickId ?? null,
      hold_until: p.holdUntil ? new Date(p.holdUntil) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertCommission(
  stores: Stores,
  p: {
    programId: string
    partnerId: string
    conversionId: string | null
    amountMinor: number
    currency: string
    status?: 'pending' | 'approved' | 'rejected' | 'reversed'
    createdAt?: string | Date
    level?: number
  },
): Promise<string> {
  const row = await stores.db
    .insertInto('commissions')
    .values({
      program_id: p.programId,
      partner_id: p.partnerId,
      conversion_id: p.conversionId,
      rule_id: null,
      level: p.level ?? 0,
      kind: 'commission',
      amount_minor: p.amountMinor,
      currency: p.currency,
      status: p.status ?? 'pending',
      explanation: 'test',
      reverses_id: null,
      idempotency_key: `k-${randomUUID()}`,
      ...(p.createdAt ? { created_at: new Date(p.createdAt) } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Marks commission rows as paid out in one paid payout (batch + payout + items). */
export async function payOut(
  stores: Stores,
  p: { partnerId: string; currency: string; commissions: { id: string; amountMinor: number }[] },
): Promise<void> {
  const total = p.commissions.reduce((n, c) => n + c.amountMinor, 0)
  const batch = await stores.db
    .insertInto('payout_batches')
    .values({
      status: 'paid',
      currency: p.currency,
      total_minor: total,
      created_by: null,
      paid_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const payout = await stores.db
    .insertInto('payouts')
    .values({
      batch_id: batch.id,
      partner_id: p.partnerId,
      amount_minor: total,
      currency: p.currency,
      method: 'paypal',
      status: 'paid',
      reference: null,
      paid_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await stores.db
    .insertInto('payout_items')
    .values(
      p.commissions.map((c) => ({ payout_id: payout.id, commission_id: c.id, amount_minor: c.amountMinor })),
    )
    .execute()
}

/** Clicks straight into ClickHouse's raw table (the rollup view fills clicks_daily_v1). */
export async function insertClicks(
  stores: Stores,
  clicks: {
    programId: string
    partnerId: string
    linkId: number
    ts: string | Date
    unique?: boolean
    bot?: boolean
    sub1?: string
    clickId?: string
  }[],
): Promise<void> {
  await stores.ch.insert({
    table: 'clicks',
    format: 'JSONEachRow',
    values: clicks.map((c) => ({
      event_id: randomUUID(),
      ts: new Date(c.ts).getTime(),
      click_id: c.clickId ?? randomUUID(),
      program_id: c.programId,
      partner_id: c.partnerId,
      link_id: c.linkId,
      is_unique: c.unique === false ? 0 : 1,
      is_bot: c.bot ? 1 : 0,
      sub1: c.sub1 ?? '',
    })),
  })
}
