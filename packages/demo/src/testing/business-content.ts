import { createHash } from 'node:crypto'
import type { Stores } from '@tandem/db'

/**
 * Everything a seed wrote that a person would call the data, with every id the services generate
 * (UUIDs) replaced by what names the thing in the business: a program by its slug, a partner by
 * email, a link by code, a conversion by (program, event, order id), a customer by the shop's id,
 * a rule by its name. Two seeds with the same `now` and scale must give equal content; secrets
 * (postback tokens, invitation tokens, password hashes) are left out on purpose.
 */
export async function businessContent(stores: Pick<Stores, 'db' | 'ch'>) {
  const { db } = stores
  const programs = await db.selectFrom('programs').selectAll().orderBy('slug').execute()
  const slug = nameOf(programs.map((p) => [p.id, p.slug]))
  const partners = await db.selectFrom('partners').selectAll().orderBy('email').execute()
  const email = nameOf(partners.map((p) => [p.id, p.email]))
  const groups = await db.selectFrom('partner_groups').selectAll().execute()
  const group = nameOf(groups.map((g) => [g.id, g.slug]))
  const rules = await db.selectFrom('commission_rules').selectAll().execute()
  const rule = nameOf(rules.map((r) => [r.id, r.name]))
  const links = await db.selectFrom('links').selectAll().orderBy('code').execute()
  const link = nameOf(links.map((l) => [String(l.id), l.code]))
  const customers = await db.selectFrom('customers').selectAll().execute()
  const customer = nameOf(customers.map((c) => [c.id, `${slug(c.program_id)}/${c.external_id}`]))
  const conversions = await db.selectFrom('conversions').selectAll().execute()
  const conversion = nameOf(conversions.map((c) => [c.id, `${slug(c.program_id)}/${c.event}/${c.order_id}`]))
  const commissions = await db.selectFrom('commissions').selectAll().execute()
  // A ledger row is named by its conversion, kind, level, partner and its place among their like.
  const seen = new Map<string, number>()
  const commissionKey = nameOf(
    [...commissions]
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.amount_minor - b.amount_minor)
      .map((c) => {
        const like = `${conversion(c.conversion_id ?? '')}/${c.kind}/${c.level}/${email(c.partner_id)}`
        const n = (seen.get(like) ?? 0) + 1
        seen.set(like, n)
        return [c.id, `${like}/${n}`]
      }),
  )
  // Core's explanations name partners (and more) by id: the same text names them by business name.
  const names = new Map<string, string>([
    ...programs.map((p) => [p.id, p.slug] as const),
    ...partners.map((p) => [p.id, p.email] as const),
    ...customers.map((c) => [c.id, customer(c.id)] as const),
    ...conversions.map((c) => [c.id, conversion(c.id)] as const),
  ])
  const text = <T>(value: T): T =>
    JSON.parse(JSON.stringify(value).replace(UUID, (id) => names.get(id) ?? `unknown:${id}`))
  const payouts = await db.selectFrom('payouts').selectAll().execute()
  const items = await db.selectFrom('payout_items').selectAll().execute()
  const paidRow = new Map(items.map((i) => [i.commission_id, i.payout_id]))
  const payoutOf = nameOf(payouts.map((p) => [p.id, email(p.partner_id)]))

  return {
    programs: programs.map((p) => ({
      slug: p.slug,
      name: p.name,
      kind: p.kind,
      status: p.status,
      currency: p.currency.trim(),
      holdDays: p.hold_days,
      cookieDays: p.cookie_days,
      attribution: p.attribution,
      rewards: p.rewards,
      payoutThresholdMinor: p.payout_threshold_minor,
      createdAt: p.created_at.toISOString(),
    })),
    groups: sorted(groups.map((g) => ({ program: slug(g.program_id), slug: g.slug, name: g.name }))),
    ruleSets: sorted(
      (await db.selectFrom('rule_set_versions').selectAll().execute()).map((v) => ({
        program: slug(v.program_id),
        version: v.version,
        effectiveFrom: v.effective_from.toISOString(),
        // Rule ids are UUIDs the service made; a scope names a group by its id.
        rules: JSON.parse(JSON.stringify(v.rules, (k, val) => (k === 'id' ? undefined : val))).map(
          (r: { scope?: { groupIds?: string[] } }) =>
            r.scope?.groupIds ? { ...r, scope: { groupIds: r.scope.groupIds.map(group) } } : r,
        ),
      })),
    ),
    partners: partners.map((p) => ({
      email: p.email,
      name: p.name,
      type: p.type,
      country: p.country,
      status: p.status,
      parent: p.parent_partner_id ? email(p.parent_partner_id) : null,
      payout: [p.payout_method, p.payout_details, p.payout_currency?.trim() ?? null],
      payoutHold: p.payout_hold_reason,
      createdAt: p.created_at.toISOString(),
    })),
    enrollments: sorted(
      (await db.selectFrom('program_enrollments').selectAll().execute()).map((e) => ({
        program: slug(e.program_id),
        partner: email(e.partner_id),
        status: e.status,
        group: e.group_id ? group(e.group_id) : null,
        decidedAt: e.decided_at?.toISOString() ?? null,
      })),
    ),
    users: sorted(
      (await db.selectFrom('users').selectAll().execute()).map((u) => ({
        email: u.email,
        name: u.name,
        kind: u.kind,
        role: u.admin_role,
        partner: u.partner_id ? email(u.partner_id) : null,
        createdAt: u.created_at.toISOString(),
      })),
    ),
    links: links.map((l) => ({
      code: l.code,
      program: slug(l.program_id),
      partner: email(l.partner_id),
      name: l.name,
      destination: l.destination_url,
      status: l.status,
      createdAt: l.created_at.toISOString(),
    })),
    coupons: sorted(
      (await db.selectFrom('coupons').selectAll().execute()).map((c) => ({
        code: c.code,
        program: slug(c.program_id),
        partner: email(c.partner_id),
        discount: c.discount,
        status: c.status,
      })),
    ),
    customers: sorted(
      customers.map((c) => ({
        customer: customer(c.id),
        emailHash: c.email_hash,
        referrer: c.referrer_partner_id ? email(c.referrer_partner_id) : null,
        referredAt: c.referred_at?.toISOString() ?? null,
        firstSeenAt: c.first_seen_at.toISOString(),
      })),
    ),
    conversions: sorted(
      conversions.map((c) => {
        const a = c.attribution as { source?: string; shares?: { partnerId: string; weightPpm: number }[] }
        return {
          conversion: conversion(c.id),
          status: c.status,
          amounts: [c.amount_minor, c.tax_minor, c.shipping_minor, c.refunded_minor, c.currency.trim()],
          partner: c.partner_id ? email(c.partner_id) : null,
          attribution: [a.source, (a.shares ?? []).map((s) => [email(s.partnerId), s.weightPpm])],
          customer: c.customer_id ? customer(c.customer_id) : null,
          clickId: c.click_id,
          coupon: c.coupon_code,
          source: c.source,
          fraudFlags: text(c.fraud_flags),
          subIds: c.sub_ids,
          lineItems: c.line_items,
          ruleSetVersion: c.rule_set_version,
          times: [c.occurred_at, c.hold_until, c.decided_at, c.created_at].map(
            (d) => d?.toISOString() ?? null,
          ),
        }
      }),
    ),
    refunds: sorted(
      (await db.selectFrom('conversion_refunds').selectAll().execute()).map((r) => ({
        conversion: conversion(r.conversion_id),
        refundId: r.refund_id,
        amountMinor: r.amount_minor,
      })),
    ),
    commissions: sorted(
      commissions.map((c) => ({
        row: commissionKey(c.id),
        partner: email(c.partner_id),
        rule: c.rule_id ? rule(c.rule_id) : null,
        level: c.level,
        kind: c.kind,
        amountMinor: c.amount_minor,
        status: c.status,
        explanation: text(c.explanation),
        reverses: c.reverses_id ? commissionKey(c.reverses_id) : null,
        paidBy: paidRow.has(c.id) ? payoutOf(paidRow.get(c.id) ?? '') : null,
        times: [c.created_at, c.approved_at].map((d) => d?.toISOString() ?? null),
      })),
    ),
    payoutBatches: sorted(
      (await db.selectFrom('payout_batches').selectAll().execute()).map((b) => ({
        program: b.program_id ? slug(b.program_id) : null,
        status: b.status,
        totalMinor: b.total_minor,
        times: [b.created_at, b.paid_at].map((d) => d?.toISOString() ?? null),
      })),
    ),
    payouts: sorted(
      payouts.map((p) => ({
        partner: email(p.partner_id),
        amounts: [p.amount_minor, p.fee_minor, p.currency.trim()],
        method: p.method,
        status: p.status,
        reference: p.reference,
        items: items.filter((i) => i.payout_id === p.id).length,
      })),
    ),
    referralRewards: sorted(
      (await db.selectFrom('referral_rewards').selectAll().execute()).map((r) => ({
        referrer: r.referrer_partner_id ? email(r.referrer_partner_id) : null,
        friend: r.customer_id ? customer(r.customer_id) : null,
        purchase: r.conversion_id ? conversion(r.conversion_id) : null,
        side: r.side,
        type: r.reward_type,
        amounts: [r.amount_minor, r.percent_bps, r.currency.trim()],
        status: r.status,
        milestone: r.milestone,
        explanation: text(r.explanation),
      })),
    ),
    auditActions: countBy((await db.selectFrom('audit_log').select('action').execute()).map((a) => a.action)),
    clicks: await clickTable(stores, programs, { slug, email, link }),
    events: await eventTable(stores, programs, { slug, email, conversion }),
  }
}

/** The ClickHouse click table of the seeded programs, ids named; a digest of every row plus per-program counts. */
async function clickTable(
  { ch }: Pick<Stores, 'ch'>,
  programs: { id: string }[],
  names: { slug: Name; email: Name; link: Name },
) {
  const rs = await ch.query({
    query: `SELECT * EXCEPT (program_id, partner_id, link_id), toString(program_id) AS program,
              toString(partner_id) AS partner, link_id, toUnixTimestamp64Milli(ts) AS ms
            FROM clicks WHERE program_id IN {ids:Array(UUID)} ORDER BY ts, event_id`,
    query_params: { ids: programs.map((p) => p.id) },
    format: 'JSONEachRow',
  })
  const rows = await rs.json<Record<string, unknown>>()
  const digest = createHash('sha256')
  for (const r of rows) {
    const { program, partner, link_id, ts: _ts, ...rest } = r
    digest.update(
      JSON.stringify({
        ...rest,
        program: names.slug(String(program)),
        partner: names.email(String(partner)),
        link: names.link(String(link_id)),
      }),
    )
  }
  return {
    rows: rows.length,
    perProgram: countBy(rows.map((r) => names.slug(String(r.program)))),
    bots: rows.filter((r) => Number(r.is_bot) === 1).length,
    digest: digest.digest('hex'),
  }
}

/** Each conversion's ClickHouse events in order (type, status, amounts, when); event ids are random by design. */
async function eventTable(
  { ch }: Pick<Stores, 'ch'>,
  programs: { id: string }[],
  names: { slug: Name; email: Name; conversion: Name },
) {
  const rs = await ch.query({
    query: `SELECT toString(conversion_id) AS conversion, toString(partner_id) AS partner, type, status,
              amount_minor, commission_minor, event_name, order_id, link_id, click_id,
              toUnixTimestamp64Milli(ts) AS ms
            FROM events WHERE program_id IN {ids:Array(UUID)}`,
    query_params: { ids: programs.map((p) => p.id) },
    format: 'JSONEachRow',
  })
  const rows = await rs.json<Record<string, string | number>>()
  return sorted(
    rows.map((r) => ({
      conversion: names.conversion(String(r.conversion)),
      partner: r.partner === '00000000-0000-0000-0000-000000000000' ? null : names.email(String(r.partner)),
      type: r.type,
      status: r.status,
      amounts: [Number(r.amount_minor), Number(r.commission_minor)],
      clickId: r.click_id,
      ms: Number(r.ms),
    })),
  )
}

type Name = (id: string) => string

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

/** A lookup from an id to its business name; an id that names nothing shows as such. */
function nameOf(pairs: [string, string][]): Name {
  const map = new Map(pairs)
  return (id: string) => map.get(id) ?? `unknown:${id}`
}

function sorted<T>(rows: T[]): T[] {
  return rows
    .map((r) => [JSON.stringify(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r)
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const v of [...values].sort()) out[v] = (out[v] ?? 0) + 1
  return out
}
