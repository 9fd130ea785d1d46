import { randomUUID } from 'node:crypto'
import { openTestStores } from '@tandem/db/testing'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type OutcomeJson,
  type SeededProgram,
  seedProgram,
  startTestTracker,
  TEST_SECRET,
} from '../../test/fixtures.ts'
import { signClickId } from '../click-id.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
let running: Awaited<ReturnType<typeof startTestTracker>>
let seed: SeededProgram
let base: string

const CHROME =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15'
const noFastCheck = { fastConversion: { enabled: false } }

beforeAll(async () => {
  stores = await openTestStores()
  seed = await seedProgram(stores.db, { fraud: noFastCheck })
  running = await startTestTracker(stores)
  base = running.tracker.url
})
afterAll(async () => {
  await running?.close()
  await stores?.dispose()
})

async function clickId(code = seed.code): Promise<string> {
  const res = await fetch(`${base}/r/${code}`, { redirect: 'manual', headers: { 'user-agent': CHROME } })
  return new URL(res.headers.get('location')!).searchParams.get('tclid')!
}

async function postback(params: Record<string, string>): Promise<{ status: number; body: OutcomeJson }> {
  const res = await fetch(`${base}/postback?${new URLSearchParams(params)}`)
  return { status: res.status, body: (await res.json()) as OutcomeJson }
}

async function api(
  path: '/v1/conversions' | '/v1/refunds',
  body: unknown,
  key = seed.apiKey,
): Promise<{ status: number; body: OutcomeJson }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as OutcomeJson }
}

const conversionCount = async (programId: string) =>
  Number(
    (
      await sql<{
        n: number
      }>`select count(*)::int8 as n from conversions where program_id = ${programId}`.execute(stores.db)
    ).rows[0]?.n,
  )

describe('amounts', () => {
  it('refuses an amount beyond the global ceiling at every entrance (400), and nothing is written', async () => {
    const before = await conversionCount(seed.programId)
    const order = `HUGE-${randomUUID()}`
    const viaApi = await api('/v1/conversions', {
      order_id: order,
      amount_minor: Number.MAX_SAFE_INTEGER,
      currency: 'EUR',
      click_id: await clickId(),
    })
    expect(viaApi.status).toBe(400)
    expect(viaApi.body.error.message).toMatch(/amount_minor: must be at most 100000000000 minor units/)
    const viaPostback = await postback({ token: seed.token, order_id: order, amount: '90071992547409.91' })
    expect(viaPostback.status).toBe(400)
    expect(viaPostback.body.error).toMatchObject({ code: 'amount_too_large' })
    expect(viaPostback.body.error.message).toMatch(/amount: must be at most 1,000,000,000.00 EUR/)
    const viaPixel = await fetch(
      `${base}/p.gif?type=conversion&program=${seed.slug}&order_id=${order}&amount=90071992547409.91&tclid=${await clickId()}`,
    )
    expect(viaPixel.status).toBe(400)
    expect(await conversionCount(seed.programId)).toBe(before)
  })

  it("refuses an amount above the program's maximum with a 422 that names it", async () => {
    const capped = await seedProgram(stores.db, { fraud: noFastCheck, maxConversionAmountMinor: 100_000 })
    const over = await postback({ token: capped.token, order_id: `MAX-${randomUUID()}`, amount: '1000.01' })
    expect(over.status).toBe(422)
    expect(over.body.error).toMatchObject({
      code: 'amount_above_maximum',
      max_amount_minor: 100_000,
      currency: 'EUR',
    })
    expect(over.body.error.message).toMatch(
      /1,000.01 EUR is above the largest conversion .* \(1,000.00 EUR\)/,
    )
    const overApi = await api(
      '/v1/conversions',
      { order_id: `MAX-${randomUUID()}`, amount_minor: 100_001, currency: 'EUR' },
      capped.apiKey,
    )
    expect(overApi.status).toBe(422)
    expect(await conversionCount(capped.programId)).toBe(0)
    const at = await postback({ token: capped.token, order_id: `MAX-${randomUUID()}`, amount: '1000.00' })
    expect(at.body.result).toBe('created')
  })

  it("keeps taking the partner's conversions when stored rows sum beyond the safe integer range", async () => {
    const p = await seedProgram(stores.db, { fraud: noFastCheck })
    // Rows written before the ceiling existed: together they sum past 2^53 for this month.
    const poisoned = (n: number) => ({
      program_id: p.programId,
      event: 'sale',
      order_id: `LEGACY-${n}`,
      partner_id: p.partnerId,
      status: 'pending' as const,
      amount_minor: Number.MAX_SAFE_INTEGER,
      currency: 'EUR',
      source: 'api' as const,
      attribution: {},
      fraud_flags: [],
      sub_ids: {},
      line_items: [],
      occurred_at: new Date(Date.now() - 1000),
    })
    await stores.db
      .insertInto('conversions')
      .values([poisoned(1), poisoned(2)])
      .execute()
    const next = await postback({
      token: p.token,
      tclid: await clickId(p.code),
      order_id: 'NEXT',
      amount: '20.00',
    })
    expect(next.status).toBe(200)
    expect(next.body.result).toBe('created')
    expect(next.body.commissions.find((c) => c.level === 0)?.amount_minor).toBe(200)
  })
})

describe('text in every field', () => {
  const conversion = () => ({
    order_id: `TXT-${randomUUID()}`,
    event: 'sale',
    amount_minor: 1_000,
    currency: 'EUR',
    click_id: 'c',
    click_ids: ['c'],
    coupon: 'C',
    customer: { external_id: 'x', email: 'e@example.com' },
    line_items: [{ sku: 's', product_id: 'p', category: 'c', quantity: 1, amount_minor: 1_000 }],
    sub_ids: { sub1: 's' },
    occurred_at: '2026-01-01T00:00:00Z',
  })
  const stringFields: string[][] = [
    ['order_id'],
    ['event'],
    ['currency'],
    ['click_id'],
    ['click_ids', '0'],
    ['coupon'],
    ['customer', 'external_id'],
    ['customer', 'email'],
    ['line_items', '0', 'sku'],
    ['line_items', '0', 'product_id'],
    ['line_items', '0', 'category'],
    ['sub_ids', 'sub1'],
    ['occurred_at'],
  ]
  const withText = <T>(body: T, path: string[], text: string): T => {
    const copy = structuredClone(body) as Record<string, unknown>
    let target = copy as Record<string, unknown>
    for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>
    target[path.at(-1)!] = `a${text}b`
    return copy as T
  }

  it('answers 400 invalid_text for a NUL or a lone surrogate in any string of /v1/conversions and /v1/refunds', async () => {
    const before = await conversionCount(seed.programId)
    for (const [text, problem] of [
      ['\u0000', 'contains control characters (U+0000)'],
      ['\ud800', 'is not valid Unicode (lone surrogate U+D800)'],
    ] as const) {
      for (const path of stringFields) {
        const res = await api('/v1/conversions', withText(conversion(), path, text))
        expect(res.status, `${path.join('.')} ${problem}`).toBe(400)
        expect(res.body.error).toEqual({ code: 'invalid_text', message: `${path.join('.')}: ${problem}` })
      }
      const refund = { order_id: 'o', refund_id: 'r', event: 'sale', currency: 'EUR', reason: 'why' }
      for (const field of Object.keys(refund)) {
        const res = await api('/v1/refunds', withText(refund, [field], text))
        expect(res.status, `${field} ${problem}`).toBe(400)
        expect(res.body.error).toEqual({ code: 'invalid_text', message: `${field}: ${problem}` })
      }
    }
    expect(await conversionCount(seed.programId)).toBe(before)
  })

  it('gives a control character in an order id the same 400 on the API, the postback and the pixel', async () => {
    const order = 'BELL\u0007-1'
    const viaApi = await api('/v1/conversions', { order_id: order, amount_minor: 100, currency: 'EUR' })
    const viaGet = await postback({ token: seed.token, order_id: order, amount: '1.00' })
    const viaJson = await fetch(`${base}/postback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tandem-token': seed.token },
      body: JSON.stringify({ program: seed.slug, order_id: order, amount: '1.00' }),
    })
    const expected = { code: 'invalid_text', message: 'order_id: contains control characters (U+0007)' }
    expect([viaApi.status, viaGet.status, viaJson.status]).toEqual([400, 400, 400])
    expect(viaApi.body.error).toEqual(expected)
    expect(viaGet.body.error).toEqual(expected)
    expect(((await viaJson.json()) as OutcomeJson).error).toEqual(expected)
    const viaPixel = await fetch(
      `${base}/p.gif?type=conversion&program=${seed.slug}&order_id=BELL%07-1&coupon=X`,
    )
    expect(viaPixel.status).toBe(400)
    expect(await viaPixel.text()).toBe(`${expected.message}\n`)
  })
})

describe('duplicate JSON keys', () => {
  it('refuses a body that repeats a key, at any depth, on the API and the JSON postback', async () => {
    const order = `DUPKEY-${randomUUID()}`
    const cases = [
      `{"order_id":"${order}","amount_minor":100,"currency":"EUR","amount_minor":99999}`,
      `{"order_id":"${order}","amount_minor":100,"currency":"EUR","customer":{"external_id":"a","external_id":"b"}}`,
      `{"order_id":"${order}","amount_minor":100,"currency":"EUR","\\u006frder_id":"other"}`,
    ]
    for (const body of cases) {
      const res = await api('/v1/conversions', body)
      expect(res.status, body).toBe(400)
      expect(res.body.error.code).toBe('duplicate_key')
    }
    const viaPostback = await fetch(`${base}/postback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tandem-token': seed.token },
      body: `{"program":"${seed.slug}","order_id":"${order}","amount":"1.00","amount":"5000.00"}`,
    })
    expect(viaPostback.status).toBe(400)
    expect(((await viaPostback.json()) as OutcomeJson).error.message).toMatch(/repeats the key "amount"/)
    // The same key in different objects is not a repetition.
    const fine = await api(
      '/v1/conversions',
      `{"order_id":"${order}","amount_minor":300,"currency":"EUR","line_items":[{"sku":"a","quantity":1,"amount_minor":100},{"sku":"b","quantity":1,"amount_minor":200}]}`,
    )
    expect(fine.status).toBe(201)
  })
})

describe('refund ids', () => {
  it('answers 409 with both amounts when a refund id comes back with another amount', async () => {
    const order = `RFX-${randomUUID()}`
    await api('/v1/conversions', {
      order_id: order,
      amount_minor: 10_000,
      currency: 'EUR',
      click_id: await clickId(),
    })
    const refund = (amount: number) =>
      api('/v1/refunds', { order_id: order, refund_id: 'RF-1', amount_minor: amount, currency: 'EUR' })
    expect((await refund(1_000)).body.result).toBe('updated')
    expect((await refund(1_000)).body.result).toBe('unchanged')
    const reused = await refund(2_500)
    expect(reused.status).toBe(409)
    expect(reused.body.error).toMatchObject({
      code: 'refund_id_reused',
      refund_id: 'RF-1',
      applied_amount_minor: 1_000,
      requested_amount_minor: 2_500,
      currency: 'EUR',
    })
    expect(reused.body.error.message).toMatch(
      /already applied with 10.00 EUR; this request asks for 25.00 EUR/,
    )
    const viaPostback = await postback({
      token: seed.token,
      action: 'update',
      order_id: order,
      refund_amount: '25.00',
      refund_id: 'RF-1',
    })
    expect(viaPostback.status).toBe(409)
    expect(viaPostback.body.error.code).toBe('refund_id_reused')
    const row = await stores.db
      .selectFrom('conversions')
      .select('refunded_minor')
      .where('order_id', '=', order)
      .executeTakeFirstOrThrow()
    expect(row.refunded_minor).toBe(1_000)
  })
})

describe('click ids that are not accepted', () => {
  it('says which click was not accepted and why: forged, of another program, expired', async () => {
    const other = await seedProgram(stores.db, { fraud: noFastCheck })
    const cases: [string, RegExp][] = [
      [
        signClickId({ linkId: seed.linkId, at: Date.now() }, 'another-secret-0123456789-abcdefghij'),
        /signature/,
      ],
      [await clickId(other.code), /not in program/],
      [
        signClickId({ linkId: seed.linkId, at: Date.now() - 40 * 86_400_000 }, TEST_SECRET),
        /older than .*30-day/,
      ],
    ]
    for (const [tclid, reason] of cases) {
      const { status, body } = await postback({
        token: seed.token,
        program: seed.slug,
        tclid,
        order_id: `CK-${randomUUID()}`,
        amount: '10.00',
      })
      expect(status).toBe(200)
      expect(body.result).toBe('created')
      expect(body.conversion.partner_id).toBeNull()
      expect(body.clicks?.accepted).toBe(0)
      expect(body.clicks?.rejected).toEqual([{ click_id: tclid, reason: expect.stringMatching(reason) }])
    }
    const good = await postback({ token: seed.token, tclid: await clickId(), order_id: `CK-${randomUUID()}` })
    expect(good.body.clicks).toEqual({ accepted: 1, rejected: [] })
  })

  it("refuses such conversions (422, nothing written) when the program's policy is 'refuse'", async () => {
    const strict = await seedProgram(stores.db, { fraud: noFastCheck, rejectedClicks: 'refuse' })
    const forged = signClickId(
      { linkId: strict.linkId, at: Date.now() },
      'another-secret-0123456789-abcdefghij',
    )
    const refused = await postback({ token: strict.token, tclid: forged, order_id: 'S-1', amount: '10.00' })
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('click_not_accepted')
    expect(refused.body.error.rejected_clicks).toEqual([
      { click_id: forged, reason: expect.stringMatching(/signature/) },
    ])
    const viaApi = await api(
      '/v1/conversions',
      { order_id: 'S-2', amount_minor: 100, currency: 'EUR', click_id: forged },
      strict.apiKey,
    )
    expect(viaApi.status).toBe(422)
    expect(await conversionCount(strict.programId)).toBe(0)
    // One accepted click is enough; a conversion without click ids is not concerned.
    const mixed = await postback({
      token: strict.token,
      tclid: `${forged}.${await clickId(strict.code)}`,
      order_id: 'S-3',
      amount: '10.00',
    })
    expect(mixed.body).toMatchObject({ result: 'created', clicks: { accepted: 1 } })
    const none = await postback({ token: strict.token, order_id: 'S-4', amount: '10.00' })
    expect(none.body.result).toBe('created')
  })
})
