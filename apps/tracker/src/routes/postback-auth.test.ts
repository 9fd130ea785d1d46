import { randomUUID } from 'node:crypto'
import { openTestStores } from '@tandem/db/testing'
import { rotatePostbackCredentials, systemContext } from '@tandem/services'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SeededProgram, seedProgram, startTestTracker } from '../../test/fixtures.ts'
import { signBody, signParams } from '../postback/signature.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
let seed: SeededProgram
const trackers: Awaited<ReturnType<typeof startTestTracker>>[] = []

beforeAll(async () => {
  stores = await openTestStores()
  seed = await seedProgram(stores.db, { fraud: { fastConversion: { enabled: false } } })
  trackers.push(await startTestTracker(stores), await startTestTracker(stores))
})
afterAll(async () => {
  for (const t of trackers) await t.close()
  await stores?.dispose()
})

const base = (i: number) => trackers[i]!.tracker.url
const conversionsOf = (orderId: string) =>
  stores.db.selectFrom('conversions').select(['id', 'status']).where('order_id', '=', orderId).execute()

async function postJson(i: number, query: string, body: string, secret = seed.hmacSecret) {
  const res = await fetch(`${base(i)}/postback${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-tandem-signature': signBody(body, Math.floor(Date.now() / 1000), secret),
    },
    body,
  })
  return {
    status: res.status,
    body: (await res.json()) as { result?: string; error?: { code: string; message: string } },
  }
}

describe('postback authentication', () => {
  it('a signed JSON postback uses only signed fields: any conversion parameter in the query string is refused', async () => {
    const order = `JQ-${randomUUID()}`
    const body = JSON.stringify({ program: seed.slug, order_id: order, amount: 30, coupon: seed.coupon })
    const smuggled = await postJson(0, '?status=approved', body)
    expect(smuggled.status).toBe(401)
    expect(smuggled.body.error?.message).toMatch(/query string may only name the program.*"status"/)
    expect(await conversionsOf(order)).toEqual([])
    // Naming the program in the query is fine: it only picks the secret the body must match.
    const bodyWithoutProgram = JSON.stringify({ order_id: order, amount: 30, coupon: seed.coupon })
    const ok = await postJson(0, `?program=${seed.slug}`, bodyWithoutProgram)
    expect(ok.status).toBe(200)
    expect(await conversionsOf(order)).toMatchObject([{ status: 'pending' }])
  })

  it('remembers used signatures across tracker replicas: a capture replayed to another replica is refused', async () => {
    const order = `RP-${randomUUID()}`
    const params = {
      program: seed.slug,
      order_id: order,
      amount: '10.00',
      coupon: seed.coupon,
      ts: String(Math.floor(Date.now() / 1000)),
    }
    const query = new URLSearchParams({ ...params, sig: signParams(params, seed.hmacSecret) })
    const first = await fetch(`${base(0)}/postback?${query}`)
    expect(first.status).toBe(200)
    const replayed = await fetch(`${base(1)}/postback?${query}`)
    expect(replayed.status).toBe(409)
    expect(((await replayed.json()) as { error: { code: string } }).error.code).toBe('replayed_signature')
    // A JSON body replayed to the other replica likewise.
    const body = JSON.stringify({
      program: seed.slug,
      order_id: `${order}-j`,
      amount: 5,
      coupon: seed.coupon,
    })
    const header = signBody(body, Math.floor(Date.now() / 1000), seed.hmacSecret)
    const send = (i: number) =>
      fetch(`${base(i)}/postback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tandem-signature': header },
        body,
      })
    expect((await send(1)).status).toBe(200)
    expect((await send(0)).status).toBe(409)
    expect(await conversionsOf(`${order}-j`)).toHaveLength(1)
  })

  it('after a rotation the previous token and secret work during the grace period only', async () => {
    const p = await seedProgram(stores.db, { fraud: { fastConversion: { enabled: false } } })
    const ctx = systemContext(stores.db)
    const rotated = await rotatePostbackCredentials(ctx, { programId: p.programId, graceHours: 1 })
    const send = (token: string, order: string) =>
      fetch(
        `${base(0)}/postback?${new URLSearchParams({ token, order_id: order, amount: '1.00', coupon: p.coupon })}`,
      )
    expect((await send(p.token, `G-${randomUUID()}`)).status).toBe(200)
    expect((await send(rotated.postbackToken, `G-${randomUUID()}`)).status).toBe(200)
    const body = JSON.stringify({
      program: p.slug,
      order_id: `G-${randomUUID()}`,
      amount: 2,
      coupon: p.coupon,
    })
    expect((await postJson(0, '', body, p.hmacSecret)).status).toBe(200)
    // The grace period ends: the old credentials stop working at once.
    await stores.db
      .updateTable('programs')
      .set({ postback_previous_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', p.programId)
      .execute()
    expect((await send(p.token, `G-${randomUUID()}`)).status).toBe(401)
    const late = JSON.stringify({
      program: p.slug,
      order_id: `G-${randomUUID()}`,
      amount: 2,
      coupon: p.coupon,
    })
    expect((await postJson(0, '', late, p.hmacSecret)).status).toBe(401)
    expect((await send(rotated.postbackToken, `G-${randomUUID()}`)).status).toBe(200)
  })

  it('an unknown program answers 401, like a wrong token, so slugs cannot be enumerated', async () => {
    const res = await fetch(
      `${base(0)}/postback?${new URLSearchParams({ program: 'no-such-shop', token: 'x'.repeat(20), order_id: 'u-1' })}`,
    )
    expect(res.status).toBe(401)
  })
})
