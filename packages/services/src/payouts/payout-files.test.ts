import { describe, expect, it } from 'vitest'
import { type PayoutFileLine, payoutCsv, paypalPayoutsCsv, sepaCreditTransfer } from './payout-files.ts'

const line = (over: Partial<PayoutFileLine>): PayoutFileLine => ({
  payoutId: '0b7d0e9e-7f43-4d8b-9a55-4b1c2d3e4f50',
  partnerId: 'p1',
  partnerName: 'Zoë Müller',
  partnerEmail: 'zoe@partners.example',
  amountMinor: 12_345,
  feeMinor: 0,
  currency: 'EUR',
  method: 'bank_transfer',
  status: 'pending',
  details: { accountHolder: 'Zoë Müller & Co', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
  ...over,
})
const debtor = { name: 'Acme Shop GmbH', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' }
const opts = {
  now: new Date('2026-03-02T10:00:00Z'),
  executionDate: '2026-03-03',
  reference: 'Commissions March',
}

describe('payout files', () => {
  it('writes a pain.001.001.03 SEPA credit transfer with control sums, IBANs in electronic form and SEPA-safe names', () => {
    const file = sepaCreditTransfer(
      'b0000000-0000-4000-8000-000000000001',
      [
        line({}),
        line({
          payoutId: '1b7d0e9e-7f43-4d8b-9a55-4b1c2d3e4f51',
          amountMinor: 655,
          details: { accountHolder: 'Ben', iban: 'FR1420041010050500013M02606' },
        }),
      ],
      debtor,
      opts,
    )
    expect(file.transactions).toBe(2)
    expect(file.content).toContain('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"')
    expect(file.content).toMatch(/<GrpHdr>[\s\S]*<NbOfTxs>2<\/NbOfTxs>[\s\S]*<CtrlSum>130\.00<\/CtrlSum>/)
    expect(file.content).toContain('<ReqdExctnDt>2026-03-03</ReqdExctnDt>')
    expect(file.content).toContain('<IBAN>DE89370400440532013000</IBAN>')
    expect(file.content).toContain('<InstdAmt Ccy="EUR">123.45</InstdAmt>')
    expect(file.content).toContain('<Nm>Zoe Muller Co</Nm>')
    expect(file.content).toContain('<ChrgBr>SLEV</ChrgBr>')
    expect(file.content).toContain('<BIC>BYLADEM1001</BIC>')
  })

  it('refuses a bad IBAN (creditor or debtor), a non-EUR payout, or a batch with no bank transfer', () => {
    expect(() =>
      sepaCreditTransfer('b', [line({ details: { iban: 'DE00 1234', accountHolder: 'x' } })], debtor, opts),
    ).toThrow(/IBAN DE00 1234 is not valid/)
    expect(() => sepaCreditTransfer('b', [line({})], { ...debtor, iban: 'XX12' }, opts)).toThrow(
      /debtor.iban/,
    )
    expect(() => sepaCreditTransfer('b', [line({ currency: 'GBP' })], debtor, opts)).toThrow(/EUR only/)
    expect(() => sepaCreditTransfer('b', [line({ method: 'paypal' })], debtor, opts)).toThrow(
      /No bank-transfer/,
    )
  })

  it('writes the CSV (defusing formula-looking cells) and the PayPal Payouts file (PayPal lines only)', () => {
    const csv = payoutCsv('b1', [
      line({ partnerName: '=HYPERLINK("x")' }),
      line({ method: 'paypal', details: { email: 'ben@p.example' } }),
    ])
    const rows = csv.content.trim().split('\r\n')
    expect(rows[0]).toBe(
      'payout_id,partner_id,partner_name,partner_email,amount,fee,currency,method,account,status',
    )
    expect(rows[1]).toContain(`"'=HYPERLINK(""x"")"`)
    expect(rows[1]).toContain(',123.45,0.00,EUR,bank_transfer,DE89 3704 0044 0532 0130 00,pending')
    const paypal = paypalPayoutsCsv(
      'b1',
      [line({}), line({ method: 'paypal', details: { email: 'ben@p.example' } })],
      'March',
    )
    expect(paypal.content).toBe('ben@p.example,123.45,EUR,0b7d0e9e-7f43-4d8b-9a55-4b1c2d3e4f50,March\r\n')
  })
})
