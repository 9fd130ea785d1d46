import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { payoutDetailsComplete } from '../payouts/payout-details.ts'
import { newPartner, newProgram, testContext } from '../testing/setup.ts'
import { setPayoutDetails } from './payout-details.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

const partnerRow = (id: string) =>
  stores.db
    .selectFrom('partners')
    .select(['payout_method', 'payout_details', 'payout_currency'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

const auditRows = (id: string) =>
  stores.db
    .selectFrom('audit_log')
    .select(['action', 'actor_type', 'actor_id', 'data'])
    .where('entity_id', '=', id)
    .where('action', '=', 'partner.payout_details_set')
    .orderBy('id')
    .execute()

describe('payout details', () => {
  it('saves a bank account (IBAN normalized) with an audit row naming the method, not the account', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const partner = await newPartner(ctx, program.id)
    const self = { ...ctx, actor: { type: 'partner' as const, id: partner.id } }
    const result = await setPayoutDetails(self, {
      partnerId: partner.id,
      currency: 'eur',
      method: 'bank_transfer',
      details: { accountHolder: 'Ada Partner', iban: 'de89 3704 0044 0532 0130 00', bic: 'deutdeffxxx' },
    })
    expect(result).toEqual({ changed: true })
    const row = await partnerRow(partner.id)
    expect(row.payout_method).toBe('bank_transfer')
    expect(row.payout_currency?.trim()).toBe('EUR')
    expect(row.payout_details).toEqual({
      accountHolder: 'Ada Partner',
      iban: 'DE89370400440532013000',
      bic: 'DEUTDEFFXXX',
    })
    // What the payout plan checks accepts what the command saved.
    expect(payoutDetailsComplete('bank_transfer', row.payout_details)).toBe(true)
    const audit = await auditRows(partner.id)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_type: 'partner', actor_id: partner.id })
    expect(audit[0]?.data).toEqual({ from_method: null, method: 'bank_transfer', currency: 'EUR' })
    expect(JSON.stringify(audit[0]?.data)).not.toContain('DE89')

    // The same details again change nothing and write no second audit row.
    await expect(
      setPayoutDetails(self, {
        partnerId: partner.id,
        currency: 'EUR',
        method: 'bank_transfer',
        details: { iban: 'DE89370400440532013000', accountHolder: 'Ada Partner', bic: 'DEUTDEFFXXX' },
      }),
    ).resolves.toEqual({ changed: false })
    expect(await auditRows(partner.id)).toHaveLength(1)

    // Switching to PayPal replaces the details.
    await setPayoutDetails(self, {
      partnerId: partner.id,
      currency: 'EUR',
      method: 'paypal',
      details: { email: 'Pay@Partners.Example' },
    })
    expect(await partnerRow(partner.id)).toMatchObject({
      payout_method: 'paypal',
      payout_details: { email: 'pay@partners.example' },
    })
    expect((await auditRows(partner.id))[1]?.data).toMatchObject({ from_method: 'bank_transfer' })
  })

  it('refuses details the method cannot pay to, and another partner’s account', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const partner = await newPartner(ctx, program.id)
    const other = await newPartner(ctx, program.id)
    const bad = [
      // A typo in the IBAN: the check digits no longer match.
      { method: 'bank_transfer', details: { accountHolder: 'Ada', iban: 'DE89370400440532013001' } },
      { method: 'bank_transfer', details: { iban: 'DE89370400440532013000' } },
      { method: 'paypal', details: { email: 'not an email' } },
      { method: 'paypal', details: { email: 'a@b.example', iban: 'DE89370400440532013000' } },
      { method: 'cheque', details: {} },
    ]
    for (const b of bad) {
      await expect(
        setPayoutDetails(ctx, { partnerId: partner.id, currency: 'EUR', ...b } as never),
      ).rejects.toMatchObject({ code: 'invalid_input' })
    }
    const asOther = { ...ctx, actor: { type: 'partner' as const, id: other.id } }
    await expect(
      setPayoutDetails(asOther, {
        partnerId: partner.id,
        currency: 'EUR',
        method: 'paypal',
        details: { email: 'thief@partners.example' },
      }),
    ).rejects.toMatchObject({ code: 'not_found' })
    expect(await partnerRow(partner.id)).toMatchObject({ payout_method: null, payout_details: null })
    expect(payoutDetailsComplete('paypal', null)).toBe(false)
    expect(payoutDetailsComplete('toString', { email: 'a@b.example' })).toBe(false)
  })
})
