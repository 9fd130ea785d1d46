import { type ConversionProgram, loadConversionProgram } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCoupon } from '../links/links.ts'
import { publishRuleSet } from '../programs/rule-sets.ts'
import { newPartner, newProgram, tag, testContext } from '../testing/setup.ts'
import { recordConversion } from './record.ts'
import { refundConversion, reviewConversion } from './review.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

const deps = { verifier: { verify: () => ({ ok: false as const, message: 'not signed' }) } }

async function pendingSale(orderId: string) {
  const ctx = testContext(stores.db)
  const created = await newProgram(ctx)
  const partner = await newPartner(ctx, created.id)
  const code = `SAVE${tag()}`
  await createCoupon(ctx, { programId: created.id, partnerId: partner.id, code })
  await publishRuleSet(ctx, {
    programId: created.id,
    rules: [{ name: '10%', kind: 'percentage', event: 'sale', rate: { bps: 1000 } }],
    effectiveFrom: new Date('2026-01-01T00:00:00Z'),
  })
  const program = (await loadConversionProgram(stores.db, { id: created.id })) as ConversionProgram
  const outcome = await recordConversion(ctx, deps, program, {
    source: 'api',
    event: 'sale',
    orderId,
    amount: { amountMinor: 10_000, currency: 'EUR' },
    tax: null,
    shipping: null,
    lineItems: [],
    status: 'pending',
    clickIds: [],
    coupon: code,
    customer: { externalId: null, emailHash: null },
    subIds: {},
    occurredAt: ctx.now(),
    recurring: null,
    client: { ipHash: '', visitorHash: '', userAgent: 'test', referer: '' },
  })
  return { ctx, id: outcome.conversion.id }
}

const rows = (id: string) =>
  stores.db
    .selectFrom('commissions')
    .select(['kind', 'amount_minor', 'status'])
    .where('conversion_id', '=', id)
    .orderBy('created_at')
    .execute()

describe('review commands', () => {
  it('approves a pending conversion (its rows too) and refunds part of it by hand, once per refund id', async () => {
    const { ctx, id } = await pendingSale('R-1')
    const approved = await reviewConversion(ctx, {
      conversionId: id,
      status: 'approved',
      reason: 'checked the order',
    })
    expect(approved.conversion.status).toBe('approved')
    expect(await rows(id)).toEqual([{ kind: 'commission', amount_minor: 1_000, status: 'approved' }])
    await refundConversion(ctx, { conversionId: id, amountMinor: 2_500, refundId: 'RF-1' })
    const again = await refundConversion(ctx, { conversionId: id, amountMinor: 2_500, refundId: 'RF-1' })
    expect(again.result).toBe('unchanged')
    expect((await rows(id)).map((r) => r.amount_minor)).toEqual([1_000, -250])
    const audit = await stores.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('entity_id', '=', id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'conversion.created',
      'conversion.status_changed',
      'conversion.refunded',
    ])
  })

  it('rejects with a reason; refuses what core refuses and unknown conversions', async () => {
    const { ctx, id } = await pendingSale('R-2')
    await reviewConversion(ctx, { conversionId: id, status: 'rejected', reason: 'test order' })
    expect(await rows(id)).toEqual([{ kind: 'commission', amount_minor: 1_000, status: 'rejected' }])
    await expect(reviewConversion(ctx, { conversionId: id, status: 'approved' })).rejects.toMatchObject({
      code: 'illegal_transition',
    })
    await expect(
      reviewConversion(ctx, { conversionId: crypto.randomUUID(), status: 'approved' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
    await expect(refundConversion(ctx, { conversionId: id, amountMinor: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })
})
