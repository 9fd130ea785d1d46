import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { adminClient } from '../../../test-support/clients.ts'
import { insertCommission, insertPartner, insertProgram } from '../../../test-support/fixtures.ts'
import { loggedInAdmin } from '../../../test-support/logged-in-clients.ts'

type Api = Awaited<ReturnType<ReturnType<typeof adminClient>['api']>>

describe('admin payouts.* (preview, batch, exports, mark paid / failed)', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let manager: Api
  let viewer: Api
  let program: string
  let ada: string
  let ben: string
  let cleo: string

  beforeAll(async () => {
    stores = await openTestStores()
    manager = await (await loggedInAdmin(stores, 'manager')).api()
    viewer = await (await loggedInAdmin(stores, 'viewer')).api()
    program = await insertProgram(stores, { currency: 'EUR', name: 'Shop' })
    ada = await insertPartner(stores, { name: 'Ada', programIds: [program] })
    ben = await insertPartner(stores, { name: 'Ben', programIds: [program] })
    cleo = await insertPartner(stores, { name: 'Cleo', programIds: [program] })
    for (const [partnerId, amountMinor] of [
      [ada, 7_000],
      [ben, 6_000],
      [cleo, 1_000],
    ] as const) {
      await insertCommission(stores, {
        programId: program,
        partnerId,
        conversionId: null,
        amountMinor,
        currency: 'EUR',
        status: 'approved',
      })
    }
    await manager.partners.setPayoutDetails({
      partnerId: ada,
      method: 'bank_transfer',
      currency: 'EUR',
      details: { accountHolder: 'Ada Lovelace', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
    })
    await manager.partners.setPayoutDetails({
      partnerId: cleo,
      method: 'paypal',
      currency: 'EUR',
      details: { email: 'cleo@p.example' },
    })
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('previews with hold-back reasons, creates a batch, exports CSV / SEPA, and pays it once', async () => {
    const preview = await viewer.payouts.preview({ programId: program })
    expect(preview.lines.map((l) => [l.partnerName, l.amount.amountMinor])).toEqual([['Ada', 7_000]])
    expect(Object.fromEntries(preview.heldBack.map((h) => [h.partnerName, h.reason]))).toEqual({
      Ben: 'missing_payout_method',
      Cleo: 'below_threshold',
    })
    const created = await manager.payouts.createBatch({ programId: program })
    expect(created).toMatchObject({ payouts: 1, heldBack: 2 })
    const batchId = created.batchId!
    const batch = await viewer.payouts.batch({ batchId })
    expect(batch.lines).toMatchObject([{ partnerName: 'Ada', account: 'DE89 …3000', status: 'pending' }])
    const csv = await manager.payouts.export({ batchId, format: 'csv' })
    expect(csv.content.split('\r\n')[1]).toContain('Ada,')
    expect(csv.content).toContain(',70.00,0.00,EUR,bank_transfer,DE89370400440532013000,pending')
    const sepa = await manager.payouts.export({
      batchId,
      format: 'sepa',
      debtor: { name: 'Shop GmbH', iban: 'DE02120300000000202051' },
      executionDate: '2026-03-03',
    })
    expect(sepa.content).toContain('<InstdAmt Ccy="EUR">70.00</InstdAmt>')
    expect(sepa.content).toContain('<IBAN>DE89370400440532013000</IBAN>')
    await expect(manager.payouts.export({ batchId, format: 'paypal' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
    expect(await manager.payouts.markBatchPaid({ batchId, reference: 'BANK-1' })).toEqual({ paid: 1 })
    await expect(manager.payouts.markBatchPaid({ batchId })).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(
      manager.payouts.markPayout({ payoutId: batch.lines[0]!.id, status: 'failed', reason: 'bounced' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    const history = await viewer.payouts.batches({ programId: program })
    expect(history).toMatchObject([{ id: batchId, status: 'paid', paid: 1 }])
    const audit = await stores.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', batchId)
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'payout_batch.created',
      'payout_batch.exported',
      'payout_batch.exported',
    ])
  })

  it('refuses viewers every mutation, and bad input with a message', async () => {
    const id = crypto.randomUUID()
    for (const call of [
      () => viewer.payouts.createBatch({ programId: program }),
      () => viewer.payouts.export({ batchId: id, format: 'csv' }),
      () => viewer.payouts.markPayout({ payoutId: id, status: 'paid' }),
      () => viewer.payouts.markBatchPaid({ batchId: id }),
      () =>
        viewer.partners.setPayoutDetails({
          partnerId: ben,
          method: 'paypal',
          currency: 'EUR',
          details: { email: 'b@p.example' },
        }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
    const bad: [() => Promise<unknown>, RegExp][] = [
      [() => manager.payouts.createBatch({ programId: 'x' }), /programId/],
      [() => manager.payouts.export({ batchId: id, format: 'pdf' as 'csv' }), /format/],
      [
        () => manager.payouts.export({ batchId: id, format: 'sepa', debtor: { name: '', iban: 'x' } }),
        /debtor/,
      ],
      [() => manager.payouts.markPayout({ payoutId: id, status: 'failed' } as never), /reason/],
      [
        () =>
          manager.partners.setPayoutDetails({
            partnerId: ben,
            method: 'bank_transfer',
            currency: 'EUR',
            details: { accountHolder: 'Ben', iban: 'DE00370400440532013000' },
          }),
        /iban/,
      ],
    ]
    for (const [call, message] of bad) {
      await expect(call()).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(message),
      })
    }
  })
})
