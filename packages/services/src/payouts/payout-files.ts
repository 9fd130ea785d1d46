import { moneyToDecimal } from '@tandem/core'
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools'

/**
 * The files a manager takes to the bank or PayPal for a payout batch. Pure builders: the service
 * loads the batch and records the export; these only turn rows into text.
 */

export interface PayoutFileLine {
  payoutId: string
  partnerId: string
  partnerName: string
  partnerEmail: string
  /** What the partner receives (amount − fee when the partner pays the fee), minor units. */
  amountMinor: number
  feeMinor: number
  currency: string
  method: string
  status: string
  details: Record<string, unknown> | null
}

export interface PayoutFile {
  filename: string
  mimeType: string
  content: string
}

const decimal = (amountMinor: number, currency: string) => moneyToDecimal({ amountMinor, currency })

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted; formula-looking cells are defused. */
function csvField(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function csv(rows: (string | number)[][]): string {
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** One row per payout: who, how much, how, and the account it goes to. */
export function payoutCsv(batchId: string, lines: readonly PayoutFileLine[]): PayoutFile {
  const rows: (string | number)[][] = [
    [
      'payout_id',
      'partner_id',
      'partner_name',
      'partner_email',
      'amount',
      'fee',
      'currency',
      'method',
      'account',
      'status',
    ],
  ]
  for (const l of lines) {
    const account = l.method === 'bank_transfer' ? str(l.details?.iban) : str(l.details?.email)
    rows.push([
      l.payoutId,
      l.partnerId,
      l.partnerName,
      l.partnerEmail,
      decimal(l.amountMinor, l.currency),
      decimal(l.feeMinor, l.currency),
      l.currency,
      l.method,
      account,
      l.status,
    ])
  }
  return { filename: `payouts-${batchId}.csv`, mimeType: 'text/csv', content: csv(rows) }
}

/**
 * PayPal Payouts bulk file (the CSV the PayPal business account's "Send payments" upload takes):
 * recipient email, amount, currency, a unique id per item, a note. PayPal lines only.
 */
export function paypalPayoutsCsv(
  batchId: string,
  lines: readonly PayoutFileLine[],
  note: string,
): PayoutFile {
  const rows: (string | number)[][] = []
  for (const l of lines) {
    if (l.method !== 'paypal') continue
    rows.push([str(l.details?.email), decimal(l.amountMinor, l.currency), l.currency, l.payoutId, note])
  }
  return { filename: `paypal-payouts-${batchId}.csv`, mimeType: 'text/csv', content: csv(rows) }
}

export interface SepaDebtor {
  /** The paying company, as on its account. */
  name: string
  iban: string
  bic?: string | undefined
}

export class PayoutFileError extends Error {
  override name = 'PayoutFileError'
}

/** SEPA allows only a Latin subset in names and references; anything else becomes a space or is dropped. */
function sepaText(text: string, max: number): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return cleaned.slice(0, max) || 'NOTPROVIDED'
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** A 35-character id from a UUID (pain.001 ids are Max35Text). */
const id35 = (uuid: string) => uuid.replace(/-/g, '').slice(0, 32)

/**
 * SEPA credit transfer initiation, ISO 20022 pain.001.001.03: one PmtInf (batch booking, SEPA
 * service level, charges shared SLEV) with a CdtTrfTxInf per bank-transfer payout in EUR. IBANs and
 * BICs are checked with ibantools; a payout whose IBAN does not validate is refused (listed), never
 * written to a file the bank would bounce.
 */
export function sepaCreditTransfer(
  batchId: string,
  lines: readonly PayoutFileLine[],
  debtor: SepaDebtor,
  opts: { now: Date; executionDate: string; reference: string },
): PayoutFile & { transactions: number } {
  const debtorIban = electronicFormatIBAN(debtor.iban) ?? ''
  if (!isValidIBAN(debtorIban)) throw new PayoutFileError(`debtor.iban: ${debtor.iban} is not a valid IBAN`)
  if (debtor.bic && !isValidBIC(debtor.bic))
    throw new PayoutFileError(`debtor.bic: ${debtor.bic} is not a valid BIC`)
  const bank = lines.filter((l) => l.method === 'bank_transfer')
  const problems: string[] = []
  const txs = bank.map((l) => {
    const iban = electronicFormatIBAN(str(l.details?.iban)) ?? ''
    const bic = str(l.details?.bic)
    if (l.currency !== 'EUR')
      problems.push(`${l.partnerName}: SEPA pays EUR only (this payout is ${l.currency})`)
    if (!isValidIBAN(iban))
      problems.push(`${l.partnerName}: the IBAN ${str(l.details?.iban) || '(none)'} is not valid`)
    if (bic && !isValidBIC(bic)) problems.push(`${l.partnerName}: the BIC ${bic} is not valid`)
    return { l, iban, bic }
  })
  if (txs.length === 0)
    throw new PayoutFileError('No bank-transfer payout in this batch: nothing to put in a SEPA file')
  if (problems.length > 0) throw new PayoutFileError(problems.join('; '))
  const total = txs.reduce((sum, t) => sum + t.l.amountMinor, 0)
  const msgId = id35(batchId)
  const created = opts.now.toISOString().slice(0, 19)
  const name = (n: string) => xml(sepaText(n, 70))
  const body = txs
    .map(
      ({ l, iban, bic }) => `      <CdtTrfTxInf>
        <PmtId>
          <EndToEndId>${id35(l.payoutId)}</EndToEndId>
        </PmtId>
        <Amt>
          <InstdAmt Ccy="EUR">${decimal(l.amountMinor, 'EUR')}</InstdAmt>
        </Amt>${
          bic
            ? `
        <CdtrAgt>
          <FinInstnId>
            <BIC>${xml(bic.toUpperCase())}</BIC>
          </FinInstnId>
        </CdtrAgt>`
            : ''
        }
        <Cdtr>
          <Nm>${name(str(l.details?.accountHolder) || l.partnerName)}</Nm>
        </Cdtr>
        <CdtrAcct>
          <Id>
            <IBAN>${iban}</IBAN>
          </Id>
        </CdtrAcct>
        <RmtInf>
          <Ustrd>${xml(sepaText(opts.reference, 140))}</Ustrd>
        </RmtInf>
      </CdtTrfTxInf>`,
    )
    .join('\n')
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>${msgId}</MsgId>
      <CreDtTm>${created}</CreDtTm>
      <NbOfTxs>${txs.length}</NbOfTxs>
      <CtrlSum>${decimal(total, 'EUR')}</CtrlSum>
      <InitgPty>
        <Nm>${name(debtor.name)}</Nm>
      </InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>${msgId}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>true</BtchBookg>
      <NbOfTxs>${txs.length}</NbOfTxs>
      <CtrlSum>${decimal(total, 'EUR')}</CtrlSum>
      <PmtTpInf>
        <SvcLvl>
          <Cd>SEPA</Cd>
        </SvcLvl>
      </PmtTpInf>
      <ReqdExctnDt>${opts.executionDate}</ReqdExctnDt>
      <Dbtr>
        <Nm>${name(debtor.name)}</Nm>
      </Dbtr>
      <DbtrAcct>
        <Id>
          <IBAN>${debtorIban}</IBAN>
        </Id>
      </DbtrAcct>
      <DbtrAgt>
        <FinInstnId>${
          debtor.bic
            ? `
          <BIC>${xml(debtor.bic.toUpperCase())}</BIC>`
            : `
          <Othr>
            <Id>NOTPROVIDED</Id>
          </Othr>`
        }
        </FinInstnId>
      </DbtrAgt>
      <ChrgBr>SLEV</ChrgBr>
${body}
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
`
  return { filename: `sepa-${batchId}.xml`, mimeType: 'application/xml', content, transactions: txs.length }
}
