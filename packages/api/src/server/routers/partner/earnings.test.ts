import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  insertCommission,
  insertConversion,
  insertPartner,
  insertProgram,
} from '../../../test-support/fixtures.ts'
import { loggedInPartner } from '../../../test-support/logged-in-clients.ts'

describe('earnings: why a commission is what it is', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  beforeAll(async () => {
    stores = await openTestStores()
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('shows a refund and its reversal, a rejection with its reason, and no internal ids', async () => {
    const program = await insertProgram(stores, { name: 'Refund Shop' })
    const partner = await insertPartner(stores, { programIds: [program] })
    const other = await insertPartner(stores, { programIds: [program] })
    const sold = await insertConversion(stores, {
      programId: program,
      partnerId: partner,
      amountMinor: 10_000,
      currency: 'EUR',
      occurredAt: new Date(Date.now() - 86_400_000),
      status: 'approved',
      refundedMinor: 4_000,
    })
    await stores.db
      .updateTable('conversions')
      .set({
        attribution: {
          explanation: `${partner} 60%, ${other} 40%: shared clicks (AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-)`,
        },
      })
      .where('id', '=', sold)
      .execute()
    await insertCommission(stores, {
      programId: program,
      partnerId: partner,
      conversionId: sold,
      amountMinor: 1_000,
      currency: 'EUR',
      status: 'approved',
    })
    await stores.db
      .insertInto('commissions')
      .values({
        program_id: program,
        partner_id: partner,
        conversion_id: sold,
        kind: 'reversal',
        amount_minor: -400,
        currency: 'EUR',
        status: 'approved',
        explanation: 'Reversal for refund r-1',
        idempotency_key: `rev-${sold}`,
      })
      .execute()
    await stores.db
      .insertInto('conversion_refunds')
      .values({ conversion_id: sold, refund_id: 'r-1', amount_minor: 4_000, currency: 'EUR', source: 'api' })
      .execute()
    const rejected = await insertConversion(stores, {
      programId: program,
      partnerId: partner,
      amountMinor: 5_000,
      currency: 'EUR',
      occurredAt: new Date(),
      status: 'rejected',
    })
    await stores.db
      .insertInto('audit_log')
      .values({
        actor_type: 'user',
        actor_id: null,
        action: 'conversion.reviewed',
        entity_type: 'conversion',
        entity_id: rejected,
        data: JSON.stringify({ reason: 'Order cancelled by the customer' }),
      })
      .execute()

    const api = await (await loggedInPartner(stores, partner)).api()
    const { items } = await api.earnings.list({ limit: 10 })
    const refunded = items.find((e) => e.id === sold)
    expect(refunded).toMatchObject({
      why: { state: 'partly_refunded' },
      commission: [{ amountMinor: 600, currency: 'EUR' }],
      refunded: { amountMinor: 4_000 },
      refunds: [{ amount: { amountMinor: 4_000, currency: 'EUR' } }],
    })
    expect(refunded?.lines.map((l) => [l.kind, l.amount.amountMinor, l.explanation])).toEqual([
      ['commission', 1_000, 'test'],
      ['reversal', -400, 'Reversal for refund r-1'],
    ])
    expect(refunded?.attribution).toBe('you 60%, another partner 40%: shared clicks')
    expect(items.find((e) => e.id === rejected)?.why).toMatchObject({
      state: 'rejected',
      reason: 'Order cancelled by the customer',
    })
    expect(JSON.stringify(items)).not.toContain(other)
  })
})
