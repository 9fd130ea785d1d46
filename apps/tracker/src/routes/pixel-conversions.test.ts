import { randomUUID } from 'node:crypto'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  chNumber,
  type OutcomeJson,
  type SeededProgram,
  seedProgram,
  startTestTracker,
} from '../../test/fixtures.ts'
import { eventually } from '../../test/flaky-inserter.ts'
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

async function clickId(code: string): Promise<string> {
  const res = await fetch(`${base}/r/${code}`, { redirect: 'manual', headers: { 'user-agent': CHROME } })
  expect(res.status).toBe(302)
  return new URL(res.headers.get('location')!).searchParams.get('tclid')!
}

const pixel = (params: Record<string, string>) =>
  fetch(`${base}/p.gif?${new URLSearchParams({ type: 'conversion', ...params })}`)

async function postback(params: Record<string, string>): Promise<{ status: number; body: OutcomeJson }> {
  const res = await fetch(`${base}/postback?${new URLSearchParams(params)}`)
  return { status: res.status, body: (await res.json()) as OutcomeJson }
}

const rowsOf = (programId: string, order: string) =>
  stores.db
    .selectFrom('conversions')
    .selectAll()
    .where('program_id', '=', programId)
    .where('order_id', '=', order)
    .orderBy('created_at')
    .execute()

const ledgerOf = (conversionId: string) =>
  stores.db
    .selectFrom('commissions')
    .select(['amount_minor', 'reverses_id', 'partner_id', 'status'])
    .where('conversion_id', '=', conversionId)
    .execute()

const sum = (rows: { amount_minor: number }[]) => rows.reduce((s, r) => s + r.amount_minor, 0)

describe('a pixel conversion never blocks or outranks an authenticated one', () => {
  it("the merchant's postback for an order the pixel took first supersedes it: the pixel's commissions are reversed, the merchant's amount stands", async () => {
    const order = `SQUAT-${randomUUID()}`
    // The squatter: a real click of theirs and an inflated amount, sent before the merchant's postback.
    const squat = await pixel({
      program: seed.slug,
      order_id: order,
      amount: '9999.00',
      tclid: await clickId(seed.code),
    })
    expect(squat.status).toBe(200)
    const [pixelRow] = await rowsOf(seed.programId, order)
    expect(pixelRow).toMatchObject({ source: 'snippet', amount_minor: 999_900 })
    expect(sum(await ledgerOf(pixelRow!.id))).toBe(109_989) // 10% + 1% override of 9999.00

    const merchant = await postback({
      token: seed.token,
      order_id: order,
      amount: '50.00',
      coupon: seed.coupon,
    })
    expect(merchant.status).toBe(200)
    expect(merchant.body.result).toBe('created')
    expect(merchant.body.superseded).toEqual({ conversion_id: pixelRow!.id, status: 'reversed' })
    expect(merchant.body.conversion).toMatchObject({ amount_minor: 5_000, partner_id: seed.partnerId })
    expect(sum(merchant.body.commissions)).toBe(550)
    // The answer lists every ledger row it wrote: the pixel's reversals and the new commissions.
    expect(sum(merchant.body.written)).toBe(550 - 109_989)

    const [retired, live] = await rowsOf(seed.programId, order)
    expect(retired).toMatchObject({
      id: pixelRow!.id,
      status: 'reversed',
      superseded_by: live!.id,
      amount_minor: 999_900,
    })
    expect(live).toMatchObject({ source: 'postback', amount_minor: 5_000, superseded_by: null })
    // History stays: the pixel's rows are untouched, each one has a reversal, and they net to zero.
    const pixelLedger = await ledgerOf(pixelRow!.id)
    expect(pixelLedger).toHaveLength(4)
    expect(pixelLedger.filter((r) => r.reverses_id !== null)).toHaveLength(2)
    expect(sum(pixelLedger)).toBe(0)
    const audit = await stores.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', pixelRow!.id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['conversion.created', 'conversion.superseded'])

    // Afterwards: the pixel is the duplicate, and changes reach the merchant's conversion.
    expect(
      (await pixel({ program: seed.slug, order_id: order, amount: '1.00', coupon: seed.coupon })).status,
    ).toBe(200)
    expect(await rowsOf(seed.programId, order)).toHaveLength(2)
    const again = await postback({ token: seed.token, order_id: order, amount: '50.00', coupon: seed.coupon })
    expect(again.body.result).toBe('duplicate')
    const refund = await postback({
      token: seed.token,
      action: 'update',
      order_id: order,
      refund_amount: '10.00',
      refund_id: 'rf-1',
    })
    expect(refund.body.result).toBe('updated')
    expect(refund.body.conversion).toMatchObject({ id: live!.id, refunded_minor: 1_000 })

    await eventually(
      async () =>
        (await chNumber(
          stores,
          'SELECT sum(amount_minor) AS v FROM events WHERE program_id = {p:UUID} AND order_id = {o:String}',
          { p: seed.programId, o: order },
        )) === 4_000,
    )
  })

  it('twenty concurrent copies of the superseding postback make one conversion and one reversal', async () => {
    const order = `RACE-${randomUUID()}`
    await pixel({ program: seed.slug, order_id: order, amount: '30.00', tclid: await clickId(seed.code) })
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        postback({ token: seed.token, order_id: order, amount: '40.00', coupon: seed.coupon }),
      ),
    )
    expect(answers.map((a) => a.status).every((s) => s === 200)).toBe(true)
    expect(answers.filter((a) => a.body.result === 'created')).toHaveLength(1)
    expect(answers.filter((a) => a.body.result === 'duplicate')).toHaveLength(19)
    const rows = await rowsOf(seed.programId, order)
    expect(rows.filter((r) => r.superseded_by === null)).toHaveLength(1)
    expect(await ledgerOf(rows[0]!.id)).toHaveLength(4)
    expect(sum(await ledgerOf(rows[0]!.id))).toBe(0)
  })

  it('a pixel conversion with only a forged click id records nothing', async () => {
    const order = `FORGED-${randomUUID()}`
    const forged = signClickId(
      { linkId: seed.linkId, at: Date.now() },
      'not-the-tracker-secret-0123456789abc',
    )
    const res = await pixel({ program: seed.slug, order_id: order, amount: '10.00', tclid: forged })
    expect(res.status).toBe(422)
    expect(await res.text()).toMatch(/needs a click id or coupon that is accepted.*signature/)
    expect(await rowsOf(seed.programId, order)).toHaveLength(0)
  })
})

describe("the program's pixel setting", () => {
  it("'off' refuses client-side conversions", async () => {
    const off = await seedProgram(stores.db, { fraud: noFastCheck, pixelConversions: 'off' })
    const order = `OFF-${randomUUID()}`
    const res = await pixel({
      program: off.slug,
      order_id: order,
      amount: '10.00',
      tclid: await clickId(off.code),
    })
    expect(res.status).toBe(403)
    expect(await res.text()).toMatch(/takes no client-side conversions/)
    expect(await rowsOf(off.programId, order)).toHaveLength(0)
  })

  it("'confirm' pays nothing for the pixel until the server sends the order, then the server's amount with the browser's click", async () => {
    const confirm = await seedProgram(stores.db, { fraud: noFastCheck, pixelConversions: 'confirm' })
    const order = `CONF-${randomUUID()}`
    const res = await pixel({
      program: confirm.slug,
      order_id: order,
      amount: '999.00',
      tclid: await clickId(confirm.code),
    })
    expect(res.status).toBe(200)
    const [claim] = await rowsOf(confirm.programId, order)
    expect(claim).toMatchObject({ source: 'snippet', partner_id: confirm.partnerId })
    expect(await ledgerOf(claim!.id)).toEqual([])

    // The merchant's server knows the order, not the click: the browser's click attributes it.
    const confirmed = await postback({ token: confirm.token, order_id: order, amount: '80.00' })
    expect(confirmed.body).toMatchObject({
      result: 'created',
      superseded: { conversion_id: claim!.id },
      conversion: { amount_minor: 8_000, partner_id: confirm.partnerId },
      attribution: { source: 'click' },
    })
    expect(sum(confirmed.body.commissions)).toBe(880)
  })
})
