import { connect } from 'node:net'
import { openTestStores } from '@tandem/db/testing'
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signParams } from '../src/postback/signature.ts'
import { type OutcomeJson, type SeededProgram, seedProgram, startTestTracker } from './fixtures.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
let running: Awaited<ReturnType<typeof startTestTracker>>
let seed: SeededProgram
let base: string
let port: number

beforeAll(async () => {
  stores = await openTestStores()
  seed = await seedProgram(stores.db)
  running = await startTestTracker(stores)
  base = running.tracker.url
  port = running.tracker.port
})
afterAll(async () => {
  await running?.close()
  await stores?.dispose()
})

async function spooled(): Promise<number> {
  const metric = await running.tracker.metrics.registry.getSingleMetric('tracker_events_spooled_total')?.get()
  return (metric?.values ?? []).reduce((sum, v) => sum + v.value, 0)
}

async function rows(table: 'conversions' | 'commissions' | 'audit_log' | 'customers'): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int8 as n from ${sql.table(table)}`.execute(stores.db)
  return Number(r.rows[0]?.n ?? 0)
}

/** Sends raw bytes over TCP and returns the status line and body of the answer. */
function raw(request: Buffer | string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1')
    })
    socket.on('error', reject)
    socket.on('close', () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), text: data }),
    )
    socket.end(request)
  })
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    "' OR 1=1 --",
    "1'; DROP TABLE conversions; --",
    '{p:UUID}',
    "') UNION SELECT * FROM api_keys --",
    '%00',
    '%ff%fe',
    '%C3%28',
    '\u0000',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    'x'.repeat(5000),
    '1e309',
    '-0',
    'NaN',
    '9007199254740993',
  ),
)
const paramName = fc.oneof(
  fc.constantFrom(
    'tclid',
    'click_id',
    'order_id',
    'amount',
    'currency',
    'status',
    'event',
    'coupon',
    'sub1',
    'url',
    'program',
    'action',
    'refund_amount',
    'refund_id',
    'ts',
    'sig',
    'token',
    '__proto__',
    'type',
    'link',
  ),
  fc.string({ maxLength: 12 }),
)
const queryString = fc
  .array(fc.tuple(paramName, nasty), { maxLength: 8 })
  .map((pairs) =>
    pairs
      .map(([k, v]) => `${encodeURIComponent(k)}=${/^%[0-9A-Fa-f]{2}/.test(v) ? v : encodeURIComponent(v)}`)
      .join('&'),
  )

describe('malformed input', () => {
  it('fuzzed click query strings: a 302 or a clear 4xx, and a click is spooled only for a 302', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const before = await spooled()
        const res = await fetch(`${base}/r/${seed.code}?${query}`, { redirect: 'manual' })
        const text = await res.text()
        expect([302, 400, 414], `${res.status} for ${query.slice(0, 200)}`).toContain(res.status)
        if (res.status !== 302) expect(text.length).toBeGreaterThan(10)
        expect(await spooled()).toBe(before + (res.status === 302 ? 1 : 0))
      }),
      { numRuns: 200 },
    )
  })

  it('fuzzed postbacks without valid authentication: 4xx, nothing written', async () => {
    const before = {
      conversions: await rows('conversions'),
      audit: await rows('audit_log'),
      spool: await spooled(),
    }
    await fc.assert(
      fc.asyncProperty(
        queryString,
        fc.constantFrom('', `&program=${seed.slug}`, '&token=wrong-token-value'),
        async (query, extra) => {
          const res = await fetch(`${base}/postback?${query}${extra}`)
          expect(res.status, query.slice(0, 200)).toBeGreaterThanOrEqual(400)
          expect(res.status, query.slice(0, 200)).toBeLessThan(500)
          const body = (await res.json()) as OutcomeJson
          expect(body.error.message.length).toBeGreaterThan(10)
        },
      ),
      { numRuns: 200 },
    )
    expect(await rows('conversions')).toBe(before.conversions)
    expect(await rows('audit_log')).toBe(before.audit)
    expect(await spooled()).toBe(before.spool)
  })

  it('fuzzed authenticated postbacks: never a 5xx, and only accepted ones write', async () => {
    const before = await rows('conversions')
    let created = 0
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const res = await fetch(`${base}/postback?${query}&token=${seed.token}&program=${seed.slug}`)
        expect(res.status, query.slice(0, 200)).toBeLessThan(500)
        const body = (await res.json()) as OutcomeJson
        if (res.status === 200 && (body.result === 'created' || body.result === 'rejected')) created++
        if (res.status >= 400) expect(body.error.message.length).toBeGreaterThan(10)
      }),
      { numRuns: 200 },
    )
    expect(await rows('conversions')).toBe(before + created)
  })

  it('fuzzed JSON API bodies: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify({ order_id: 'fz', currency: 'EUR', extra: v })),
        ),
        async (body) => {
          const res = await fetch(`${base}/v1/conversions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${seed.apiKey}` },
            body,
          })
          expect(res.status, body.slice(0, 200)).toBeLessThan(500)
          await res.arrayBuffer()
        },
      ),
      { numRuns: 150 },
    )
  })

  it('wrong and replayed signatures: 401 / 409 and nothing written', async () => {
    const before = await rows('conversions')
    const params = {
      program: seed.slug,
      order_id: 'sig-fuzz',
      amount: '5.00',
      coupon: seed.coupon,
      ts: String(Math.floor(Date.now() / 1000)),
    }
    for (const sig of [
      '0'.repeat(64),
      signParams(params, 'not-the-secret'),
      'zz',
      signParams({ ...params, amount: '6.00' }, seed.hmacSecret),
    ]) {
      const res = await fetch(`${base}/postback?${new URLSearchParams({ ...params, sig })}`)
      expect(res.status).toBe(401)
    }
    const good = new URLSearchParams({ ...params, sig: signParams(params, seed.hmacSecret) })
    expect((await fetch(`${base}/postback?${good}`)).status).toBe(200)
    const replay = await fetch(`${base}/postback?${good}`)
    expect(replay.status).toBe(409)
    expect(await rows('conversions')).toBe(before + 1)
  })

  it('invalid UTF-8, raw bytes, huge headers, bad HTTP and oversized bodies: clear 4xx, server stays up', async () => {
    const encodedBad = await fetch(`${base}/r/${seed.code}?sub1=%ff%fe`, { redirect: 'manual' })
    expect(encodedBad.status).toBe(400)
    expect(await encodedBad.text()).toMatch(/not valid UTF-8/)

    const rawBytes = await raw(
      Buffer.concat([
        Buffer.from(`GET /r/${seed.code}?sub1=`),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      ]),
    )
    expect(rawBytes.status).toBeGreaterThanOrEqual(400)
    expect(rawBytes.status).toBeLessThan(500)

    const huge = await raw(
      `GET /r/${seed.code} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    )
    expect(huge.status).toBe(431)
    expect(huge.text).toMatch(/larger than 16 KB/)

    const garbage = await raw('\u0001\u0002 not http at all\r\n\r\n')
    expect(garbage.status).toBe(400)
    const smuggle = await raw(
      'POST /postback HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n',
    )
    expect(smuggle.status).toBe(400)

    const big = await fetch(`${base}/postback?token=${seed.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `order_id=${'x'.repeat(70_000)}`,
    })
    expect(big.status).toBe(413)
    const badJson = await fetch(`${base}/postback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
    })
    expect(badJson.status).toBe(400)
    expect((await badJson.json()) as OutcomeJson).toMatchObject({
      error: { message: 'The request body is not valid UTF-8' },
    })
    const xml = await fetch(`${base}/postback`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<a/>',
    })
    expect(xml.status).toBe(415)

    const health = await fetch(`${base}/healthz`)
    expect(health.status).toBe(200)
  })
})
