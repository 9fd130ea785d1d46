import { randomUUID } from 'node:crypto'
import { type ConversionProgram, claimEventBatch, insertEventRows, loadConversionProgram } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ClickHouseEventRelay } from '../events/clickhouse-relay.ts'
import { createCoupon } from '../links/links.ts'
import { type PublishRuleSetInput, publishRuleSet } from '../programs/rule-sets.ts'
import { newPartner, newProgram, tag, testContext } from '../testing/setup.ts'
import { changeConversion } from './change.ts'
import { recordConversion } from './record.ts'
import type { NewConversionRequest } from './types.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

/** Attribution by coupon here: click ids are the tracker's business (its tests sign real ones). */
const deps = { verifier: { verify: () => ({ ok: false as const, message: 'not signed' }) } }
const client = { ipHash: '', visitorHash: '', userAgent: 'test', referer: '' }

function sale(coupon: string, orderId: string, amountMinor: number, occurredAt: Date): NewConversionRequest {
  return {
    source: 'api',
    event: 'sale',
    orderId,
    amount: { amountMinor, currency: 'EUR' },
    tax: null,
    shipping: null,
    lineItems: [],
    status: 'pending',
    clickIds: [],
    coupon,
    customer: { externalId: null, emailHash: null },
    subIds: {},
    occurredAt,
    recurring: null,
    client,
  }
}

async function setup(rules: PublishRuleSetInput['rules']) {
  const ctx = testContext(stores.db, { type: 'api', id: randomUUID() })
  const created = await newProgram(ctx, { fraud: { fastConversion: { enabled: false } } })
  const partner = await newPartner(ctx, created.id)
  const code = `SAVE${tag()}`
  await createCoupon(ctx, { programId: created.id, partnerId: partner.id, code })
  await publishRuleSet(ctx, { programId: created.id, rules, effectiveFrom: new Date('2026-01-01T00:00:00Z') })
  const program = (await loadConversionProgram(stores.db, { id: created.id })) as ConversionProgram
  return { ctx, program, partner, code }
}

const percent = { name: '10%', kind: 'percentage', event: 'sale', rate: { bps: 1000 } }

describe('recording a conversion', () => {
  it('writes the conversion, its ledger rows, audit row and queued ClickHouse event together; a retry is a duplicate', async () => {
    const { ctx, program, partner, code } = await setup([percent])
    const first = await recordConversion(ctx, deps, program, sale(code, 'A-1', 12_345, ctx.now()))
    expect(first.result).toBe('created')
    // 10 % of 123.45 is 12.345: half-even rounding (the program's default) pays 12.34.
    expect(first.commissions).toMatchObject([{ partnerId: partner.id, amountMinor: 1234, status: 'pending' }])
    const again = await recordConversion(ctx, deps, program, sale(code, 'A-1', 12_345, ctx.now()))
    expect(again.result).toBe('duplicate')
    const id = first.conversion.id
    const row = await stores.db
      .selectFrom('conversions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.rule_set_version).toBe(1)
    const audit = await stores.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('entity_id', '=', id)
      .execute()
    expect(audit).toEqual([{ action: 'conversion.created', actor_type: 'api' }])
    const queued = await stores.db.selectFrom('event_outbox').select('row').execute()
    expect(queued.filter((q) => q.row.conversion_id === id)).toHaveLength(1)
  })

  it('prices by the rule set version in force when the conversion occurred', async () => {
    const { ctx, program, code } = await setup([percent])
    const switchAt = new Date('2026-03-01T00:00:00Z')
    await publishRuleSet(ctx, {
      programId: program.id,
      rules: [{ ...percent, name: '20%', rate: { bps: 2000 } }],
      effectiveFrom: switchAt,
    })
    const before = await recordConversion(
      ctx,
      deps,
      program,
      sale(code, 'V-1', 10_000, new Date('2026-02-20T12:00:00Z')),
    )
    const after = await recordConversion(
      ctx,
      deps,
      program,
      sale(code, 'V-2', 10_000, new Date('2026-03-01T12:00:00Z')),
    )
    expect(before.commissions[0]?.amountMinor).toBe(1000)
    expect(after.commissions[0]?.amountMinor).toBe(2000)
  })

  it('prices concurrent sales at a tier edge as if one came after the other', async () => {
    const { ctx, program, code } = await setup([
      {
        name: 'Volume tiers',
        kind: 'tiered',
        event: 'sale',
        metric: 'count',
        mode: 'whole',
        tiers: [
          { id: 'base', name: 'Base', from: 0, rate: { bps: 1000 } },
          { id: 'star', name: 'Star', from: 4, rate: { bps: 2000 } },
        ],
      },
    ])
    const at = new Date('2026-03-02T10:00:00Z')
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        recordConversion(ctx, deps, program, sale(code, `T-${i}`, 10_000, at)),
      ),
    )
    const amounts = outcomes.map((o) => o.commissions[0]?.amountMinor ?? -1).sort((a, b) => a - b)
    // Sequential pricing: the 1st-3rd sale of the month at 10 %, the 4th-6th at 20 %.
    expect(amounts).toEqual([1000, 1000, 1000, 2000, 2000, 2000])
  })

  it('refunds through core: the reversal rows net the refunded share, a reused refund id with another amount is a conflict', async () => {
    const { ctx, program, code } = await setup([percent])
    await recordConversion(ctx, deps, program, sale(code, 'R-1', 10_000, ctx.now()))
    const refund = (amountMinor: number) =>
      changeConversion(ctx, program, {
        source: 'api',
        event: 'sale',
        orderId: 'R-1',
        change: { type: 'refund', refundId: 'rf-1', amount: { amountMinor, currency: 'EUR' } },
        client,
      })
    const partial = await refund(2_500)
    expect(partial.result).toBe('updated')
    expect(partial.written).toMatchObject([{ kind: 'reversal', amountMinor: -250 }])
    expect((await refund(2_500)).result).toBe('unchanged')
    await expect(refund(3_000)).rejects.toMatchObject({ code: 'conflict', reason: 'refund_id_reused' })
  })
})

describe('the ClickHouse event relay', () => {
  it('delivers queued events exactly once, also when a relay died after inserting a batch', async () => {
    const { ctx, program, code } = await setup([percent])
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      ids.push(
        (await recordConversion(ctx, deps, program, sale(code, `E-${i}`, 5_000, ctx.now()))).conversion.id,
      )
    }
    // A relay claims a batch, inserts it, and dies before deleting it.
    const batch = await claimEventBatch(stores.db, 10_000, new Date(Date.now() - 60_000))
    expect(batch).not.toBeNull()
    await insertEventRows(stores.ch, batch?.rows ?? [], `event-outbox:${batch?.batchId}`)
    // The next relay finds the batch unfinished and sends it again with the same token.
    const relay = new ClickHouseEventRelay({ db: stores.db, ch: stores.ch })
    await relay.drain()
    await relay.drain()
    const result = await stores.ch.query({
      query:
        'SELECT conversion_id, count() AS n FROM events WHERE program_id = {p:UUID} GROUP BY conversion_id',
      query_params: { p: program.id },
      format: 'JSONEachRow',
    })
    const rows = await result.json<{ conversion_id: string; n: string }>()
    expect(rows.map((r) => [r.conversion_id, Number(r.n)]).sort()).toEqual(ids.map((id) => [id, 1]).sort())
    expect(await stores.db.selectFrom('event_outbox').select('id').execute()).toEqual([])
  })
})
