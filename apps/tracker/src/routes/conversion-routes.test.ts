import { randomUUID } from 'node:crypto'
import { openTestStores } from '@tandem/db/testing'
import { publishRuleSet, systemContext } from '@tandem/services'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type CommissionJson,
  chNumber,
  type OutcomeJson,
  type SeededProgram,
  seedProgram,
  startTestTracker,
} from '../../test/fixtures.ts'
import { eventually } from '../../test/flaky-inserter.ts'
import { signClickId } from '../click-id.ts'
import { signBody, signParams } from '../postback/signature.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
let running: Awaited<ReturnType<typeof startTestTracker>>
let seed: SeededProgram
let base: string

const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15'

beforeAll(async () => {
  stores = await openTestStores()
  // Conversions in these tests follow their click within seconds: the fast-conversion check is off.
  seed = await seedProgram(stores.db, { fraud: { fastConversion: { enabled: false } } })
  running = await startTestTracker(stores)
  base = running.tracker.url
})
afterAll(async () => {
  await running?.close()
  await stores?.dispose()
})

async function clickId(code = seed.code): Promise<string> {
  const res = await fetch(`${base}/r/${code}`, { redirect: 'manual', headers: { 'user-agent': CHROME } })
  expect(res.status).toBe(302)
  return new URL(res.headers.get('location')!).searchParams.get('tclid')!
}

async function postback(params: Record<string, string>): Promise<{ status: number; body: OutcomeJson }> {
  const res = await fetch(`${base}/postback?${new URLSearchParams(params)}`)
  return { status: res.status, body: (await res.json()) as OutcomeJson }
}

async function count(
  table: 'conversions' | 'commissions' | 'audit_log',
  where: { column: string; value: string },
) {
  const r = await sql<{
    n: number
  }>`select count(*)::int8 as n from ${sql.table(table)} where ${sql.ref(where.column)} = ${where.value}`.execute(
    stores.db,
  )
  return Number(r.rows[0]?.n ?? 0)
}

const conversionsOf = (order: string) =>
  stores.db
    .selectFrom('conversions')
    .selectAll()
    .where('program_id', '=', seed.programId)
    .where('order_id', '=', order)
    .execute()

describe('postbacks', () => {
  it('creates an attributed conversion with commissions computed by core, in Postgres and ClickHouse', async () => {
    const tclid = await clickId()
    const order = `A-${randomUUID()}`
    const { status, body } = await postback({
      token: seed.token,
      tclid,
      order_id: order,
      amount: '120.00',
      sub1: 's1',
    })
    expect(status).toBe(200)
    expect(body.result).toBe('created')
    expect(body.conversion).toMatchObject({
      status: 'pending',
      amount_minor: 12000,
      currency: 'EUR',
      partner_id: seed.partnerId,
    })
    expect(body.attribution).toMatchObject({
      source: 'click',
      shares: [{ partner_id: seed.partnerId, weight_ppm: 1_000_000 }],
    })
    const byPartner = Object.fromEntries(body.commissions.map((c: CommissionJson) => [c.partner_id, c]))
    expect(byPartner[seed.partnerId]).toMatchObject({
      level: 0,
      kind: 'commission',
      amount_minor: 1200,
      status: 'pending',
    })
    expect(byPartner[seed.parentId]).toMatchObject({ level: 1, kind: 'override', amount_minor: 120 })

    const [conversion] = await conversionsOf(order)
    expect(conversion).toMatchObject({ click_id: tclid, source: 'postback', sub_ids: { sub1: 's1' } })
    expect(await count('commissions', { column: 'conversion_id', value: conversion!.id })).toBe(2)
    expect(await count('audit_log', { column: 'entity_id', value: conversion!.id })).toBe(1)
    await eventually(
      async () =>
        (await chNumber(
          stores,
          "SELECT sum(commission_minor) AS v FROM events WHERE program_id = {p:UUID} AND order_id = {o:String} AND type = 'conversion'",
          { p: seed.programId, o: order },
        )) === 1320,
    )
  })

  it('makes one conversion from the same postback sent 100 times at once', async () => {
    const tclid = await clickId()
    const order = `DUP-${randomUUID()}`
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        postback({ token: seed.token, tclid, order_id: order, amount: '50.00' }),
      ),
    )
    expect(answers.every((a) => a.status === 200)).toBe(true)
    const results = answers.map((a) => a.body.result)
    expect(results.filter((r) => r === 'created')).toHaveLength(1)
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(99)
    const rows = await conversionsOf(order)
    expect(rows).toHaveLength(1)
    expect(await count('commissions', { column: 'conversion_id', value: rows[0]!.id })).toBe(2)
    await running.tracker.flush()
    expect(
      await chNumber(
        stores,
        'SELECT count() AS v FROM events WHERE program_id = {p:UUID} AND order_id = {o:String}',
        {
          p: seed.programId,
          o: order,
        },
      ),
    ).toBe(1)
  })

  it('accepts an HMAC-signed postback once, and refuses replays, forgeries and stale signatures', async () => {
    const order = `SIG-${randomUUID()}`
    const params = {
      program: seed.slug,
      order_id: order,
      amount: '10.00',
      coupon: seed.coupon,
      ts: String(Math.floor(Date.now() / 1000)),
    }
    const signed = { ...params, sig: signParams(params, seed.hmacSecret) }
    const first = await postback(signed)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ result: 'created', attribution: { source: 'coupon' } })

    const replay = await postback(signed)
    expect(replay.status).toBe(409)
    expect(replay.body.error.code).toBe('replayed_signature')

    const altered = await postback({ ...signed, amount: '1000.00' })
    expect(altered.status).toBe(401)
    const stale = { ...params, order_id: `${order}-2`, ts: String(Math.floor(Date.now() / 1000) - 3600) }
    expect((await postback({ ...stale, sig: signParams(stale, seed.hmacSecret) })).status).toBe(401)
    expect((await postback({ program: seed.slug, order_id: `${order}-3` })).status).toBe(401)
    expect((await postback({ program: seed.slug, order_id: `${order}-4`, token: 'wrong' })).status).toBe(401)
    expect(await conversionsOf(order)).toHaveLength(1)
    expect(await conversionsOf(`${order}-2`)).toHaveLength(0)
  })

  it('accepts a JSON postback signed in the X-Tandem-Signature header', async () => {
    const order = `JSON-${randomUUID()}`
    const body = JSON.stringify({
      program: seed.slug,
      order_id: order,
      amount: 25.5,
      event: 'sale',
      click_id: await clickId(),
    })
    const header = signBody(body, Math.floor(Date.now() / 1000), seed.hmacSecret)
    const res = await fetch(`${base}/postback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tandem-signature': header },
      body,
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ result: 'created', conversion: { amount_minor: 2550 } })
  })

  it('pays a lead with the flat rule, and ignores forged click ids with a reason', async () => {
    const forged = signClickId(
      { linkId: seed.linkId, at: Date.now() },
      'another-secret-0123456789-abcdefghij',
    )
    const { body } = await postback({
      token: seed.token,
      tclid: `${forged}.${await clickId()}`,
      event: 'lead',
      order_id: `L-${randomUUID()}`,
    })
    expect(body.result).toBe('created')
    expect(body.commissions.find((c: CommissionJson) => c.level === 0)).toMatchObject({
      amount_minor: 300,
      partner_id: seed.partnerId,
    })
    expect(body.reasons.join(' ')).toMatch(/signature does not match/)
  })

  it('records a conversion from a bot click, flagged, and pays nobody', async () => {
    const botClick = await fetch(`${base}/r/${seed.code}`, {
      redirect: 'manual',
      headers: { 'user-agent': 'curl/8.5.0' },
    })
    const tclid = new URL(botClick.headers.get('location')!).searchParams.get('tclid')!
    const { body } = await postback({
      token: seed.token,
      tclid,
      order_id: `BOT-${randomUUID()}`,
      amount: '99.00',
    })
    expect(body.commissions).toEqual([])
    expect(body.conversion.partner_id).toBeNull()
    expect(body.conversion.fraud_flags.map((f: { code: string }) => f.code)).toContain('bot_click')
  })

  it('refunds, partially and in full, and changes status through the conversion-change form', async () => {
    const order = `R-${randomUUID()}`
    await postback({ token: seed.token, tclid: await clickId(), order_id: order, amount: '100.00' })
    const partial = await postback({
      token: seed.token,
      action: 'update',
      order_id: order,
      refund_amount: '25.00',
      refund_id: 'rf-1',
    })
    expect(partial.body.result, JSON.stringify(partial.body)).toBe('updated')
    expect(partial.body.conversion).toMatchObject({ refunded_minor: 2500, status: 'pending' })
    expect(
      partial.body.written.map((c: CommissionJson) => c.amount_minor).sort((a: number, b: number) => a - b),
    ).toEqual([-250, -25])
    const again = await postback({
      token: seed.token,
      action: 'update',
      order_id: order,
      refund_amount: '25.00',
      refund_id: 'rf-1',
    })
    expect(again.body.result).toBe('unchanged')
    const total = await postback({ token: seed.token, action: 'update', order_id: order, amount: '60.00' })
    expect(total.body.conversion.refunded_minor).toBe(4000)
    const approve = await postback({
      token: seed.token,
      action: 'update',
      order_id: order,
      status: 'approved',
    })
    expect(approve.body.conversion.status).toBe('approved')
    expect(
      approve.body.commissions.filter((c: CommissionJson) => c.status === 'approved').length,
    ).toBeGreaterThan(0)
    const back = await postback({ token: seed.token, action: 'update', order_id: order, status: 'pending' })
    expect(back.status).toBe(409)
    const missingId = await postback({
      token: seed.token,
      action: 'update',
      order_id: order,
      refund_amount: '1.00',
    })
    expect(missingId.status).toBe(400)
    expect(missingId.body.error.message).toMatch(/refund_id/)
    const unknown = await postback({
      token: seed.token,
      action: 'update',
      order_id: 'no-such-order',
      status: 'approved',
    })
    expect(unknown.status).toBe(404)
    const [row] = await conversionsOf(order)
    const ledger = await stores.db
      .selectFrom('commissions')
      .select(({ fn }) => fn.sum<number>('amount_minor').as('total'))
      .where('conversion_id', '=', row!.id)
      .executeTakeFirstOrThrow()
    expect(Number(ledger.total)).toBe(660) // 10% + 1% of the 60.00 that stayed
  })

  it('answers clear 4xx for malformed postbacks and writes nothing', async () => {
    const before = await count('conversions', { column: 'program_id', value: seed.programId })
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ token: seed.token, program: seed.slug }, 400, /order_id/],
      [
        { token: seed.token, program: seed.slug, order_id: 'x', amount: '12,50' },
        400,
        /amount: must be a decimal/,
      ],
      [
        { token: seed.token, program: seed.slug, order_id: 'x', amount: '1.5', currency: 'XYZ' },
        400,
        /currency: is not an ISO 4217/,
      ],
      [{ token: seed.token, program: seed.slug, order_id: 'x', status: 'paid' }, 400, /status/],
      [{ token: 'not-a-known-token', order_id: 'x' }, 401, /token is not valid/],
      [
        { token: seed.token, program: 'no-such-program', order_id: 'x' },
        401,
        /not authenticated for this program/,
      ],
      [
        { token: seed.token, program: seed.slug, order_id: "1'; DROP TABLE conversions; --", amount: '1.00' },
        200,
        /created/,
      ],
    ]
    for (const [params, status, message] of cases) {
      const res = await postback(params)
      expect(res.status, JSON.stringify(params)).toBe(status)
      expect(JSON.stringify(res.body)).toMatch(message)
    }
    expect(await count('conversions', { column: 'program_id', value: seed.programId })).toBe(before + 1)
  })
})

describe('POST /v1/conversions and /v1/refunds', () => {
  const api = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${seed.apiKey}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  it('creates a conversion with line items, says what happened, and replays by Idempotency-Key', async () => {
    const order = `API-${randomUUID()}`
    const body = {
      order_id: order,
      amount_minor: 20_000,
      currency: 'EUR',
      tax_minor: 2_000,
      click_ids: [await clickId()],
      customer: { external_id: `cust-${order}`, email: 'Buyer@Example.com' },
      line_items: [{ sku: 'TENT-1', quantity: 1, amount_minor: 18_000 }],
    }
    const key = randomUUID()
    const first = await api('/v1/conversions', body, { 'idempotency-key': key })
    expect(first.status).toBe(201)
    const created = (await first.json()) as OutcomeJson
    expect(created).toMatchObject({
      result: 'created',
      conversion: { amount_minor: 20_000, partner_id: seed.partnerId },
    })
    expect(created.commissions.length).toBe(2)

    const replay = await api('/v1/conversions', body, { 'idempotency-key': key })
    expect(replay.status).toBe(201)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(await replay.json()).toEqual(created)

    const reused = await api('/v1/conversions', { ...body, amount_minor: 1 }, { 'idempotency-key': key })
    expect(reused.status).toBe(422)
    const duplicate = await api('/v1/conversions', body)
    expect(duplicate.status).toBe(200)
    expect(((await duplicate.json()) as OutcomeJson).result).toBe('duplicate')
    const customers = await stores.db
      .selectFrom('customers')
      .selectAll()
      .where('external_id', '=', `cust-${order}`)
      .execute()
    expect(customers).toHaveLength(1)
    expect(customers[0]!.email_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refunds in full through /v1/refunds: the conversion is reversed and its ledger nets to zero', async () => {
    const order = `APIR-${randomUUID()}`
    await api('/v1/conversions', {
      order_id: order,
      amount_minor: 5_000,
      currency: 'EUR',
      click_id: await clickId(),
    })
    const res = await api('/v1/refunds', { order_id: order, refund_id: 'full-1' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as OutcomeJson
    expect(body).toMatchObject({
      result: 'updated',
      conversion: { status: 'reversed', refunded_minor: 5_000 },
    })
    const net = body.commissions.reduce((sum, c) => sum + c.amount_minor, 0)
    expect(net).toBe(0)
    expect((await api('/v1/refunds', { order_id: order, refund_id: 'full-1' })).status).toBe(200)
  })

  it('refuses bad keys and bad bodies with clear messages', async () => {
    const noKey = await fetch(`${base}/v1/conversions`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    })
    expect(noKey.status).toBe(401)
    expect((await api('/v1/conversions', {}, { authorization: 'Bearer tdm_000000000000_xxx' })).status).toBe(
      401,
    )
    const order = `BAD-${randomUUID()}`
    const cases: [unknown, number, RegExp][] = [
      ['{not json', 400, /not valid JSON/],
      [{ order_id: order, amount_minor: 1.5, currency: 'EUR' }, 400, /amount_minor/],
      [{ order_id: order, amount_minor: 100, currency: 'EUR', amount: 1 }, 400, /amount/],
      [{ order_id: order, amount_minor: 100, currency: 'QQQ' }, 400, /currency: is not an ISO 4217/],
      [{ order_id: order, amount_minor: 100, currency: 'EUR', occurred_at: 'yesterday' }, 400, /occurred_at/],
      [{ order_id: order, amount_minor: -1, currency: 'EUR' }, 400, /amount_minor/],
      [[1, 2], 400, /expected object/],
    ]
    for (const [body, status, message] of cases) {
      const res = await api('/v1/conversions', body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(JSON.stringify(await res.json())).toMatch(message)
    }
    const form = await api('/v1/conversions', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(415)
    expect((await api('/v1/refunds', { order_id: 'nope', refund_id: 'r' })).status).toBe(404)
  })
})

describe('client-side conversions (the snippet through /p.gif)', () => {
  it('records a pending conversion flagged for review when it carries a click id', async () => {
    const order = `PX-${randomUUID()}`
    const res = await fetch(
      `${base}/p.gif?type=conversion&program=${seed.slug}&order_id=${order}&amount=15.00&tclid=${await clickId()}`,
    )
    expect(res.status).toBe(200)
    const [row] = await conversionsOf(order)
    expect(row).toMatchObject({ status: 'pending', source: 'snippet', partner_id: seed.partnerId })
    expect((row!.fraud_flags as { code: string }[]).map((f) => f.code)).toContain('client_side')
    const untouched = await fetch(
      `${base}/p.gif?type=conversion&program=${seed.slug}&order_id=${order}-2&amount=15.00`,
    )
    expect(untouched.status).toBe(400)
  })
})

describe('what core needs, loaded right', () => {
  it('keeps a customer with their first partner (lifetime attribution)', async () => {
    const p = await seedProgram(stores.db, {
      attribution: { model: 'last_click', lifetimeMonths: 12 },
      fraud: { fastConversion: { enabled: false } },
    })
    const customer = `cust-${randomUUID()}`
    const first = await postback({
      token: p.token,
      tclid: await clickId(p.code),
      order_id: 'L-1',
      amount: '10.00',
      customer_id: customer,
    })
    expect(first.body.attribution?.source).toBe('click')
    const second = await postback({ token: p.token, order_id: 'L-2', amount: '20.00', customer_id: customer })
    expect(second.body.attribution).toMatchObject({
      source: 'lifetime',
      shares: [{ partner_id: p.partnerId }],
    })
    expect(second.body.commissions.find((c) => c.level === 0)?.amount_minor).toBe(200)
  })

  it('converts a sale in another currency with the FX table of its day', async () => {
    const p = await seedProgram(stores.db, { fraud: { fastConversion: { enabled: false } } })
    await stores.db
      .insertInto('fx_rates')
      .values({ base: 'EUR', quote: 'USD', rate: '1.25', as_of: new Date().toISOString().slice(0, 10) })
      .onConflict((oc) => oc.columns(['base', 'quote', 'as_of']).doUpdateSet({ rate: '1.25' }))
      .execute()
    const { body } = await postback({
      token: p.token,
      tclid: await clickId(p.code),
      order_id: 'FX-1',
      amount: '125.00',
      currency: 'USD',
    })
    expect(body.conversion).toMatchObject({ amount_minor: 12500, currency: 'USD' })
    expect(body.commissions.find((c) => c.level === 0)).toMatchObject({ amount_minor: 1000, currency: 'EUR' })
  })

  it("prices by the partner's volume this month (tiers)", async () => {
    const p = await seedProgram(stores.db, { fraud: { fastConversion: { enabled: false } } })
    const rule = {
      name: 'Tiers',
      kind: 'tiered',
      event: 'sale',
      metric: 'count',
      mode: 'whole',
      tiers: [
        { id: 'base', name: 'Base', from: 0, rate: { bps: 1000 } },
        { id: 'star', name: 'Star', from: 3, rate: { bps: 2000 } },
      ],
    }
    await publishRuleSet(systemContext(stores.db), { programId: p.programId, rules: [rule] })
    const amounts: number[] = []
    for (const order of ['T-1', 'T-2', 'T-3']) {
      const { body } = await postback({
        token: p.token,
        tclid: await clickId(p.code),
        order_id: order,
        amount: '100.00',
      })
      amounts.push(body.commissions.find((c) => c.level === 0)?.amount_minor ?? -1)
    }
    expect(amounts).toEqual([1000, 1000, 2000])
  })
})

describe('fraud', () => {
  it('records a blocked conversion with its flags and pays nothing', async () => {
    const strict = await seedProgram(stores.db, {
      fraud: { fastConversion: { enabled: true, points: 100, minSeconds: 3600 } },
    })
    const tclid = await clickId(strict.code)
    const { body } = await postback({ token: strict.token, tclid, order_id: 'FAST-1', amount: '80.00' })
    expect(body.result).toBe('rejected')
    expect(body.conversion.status).toBe('rejected')
    expect(body.commissions).toEqual([])
    expect(body.conversion.fraud_flags.map((f: { code: string }) => f.code)).toContain('fast_conversion')
    await running.tracker.flush()
    expect(
      await chNumber(stores, 'SELECT sum(is_bot) AS v FROM events WHERE program_id = {p:UUID}', {
        p: strict.programId,
      }),
    ).toBe(1)
  })
})
