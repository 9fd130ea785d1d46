import { findPayoutBatch, insertAuditRow } from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext } from '../context.ts'
import { InvalidInputError, NotFoundError, parseInput } from '../errors.ts'
import { plainText, requiredText, uuid } from '../shared/fields.ts'
import {
  type PayoutFile,
  PayoutFileError,
  type PayoutFileLine,
  payoutCsv,
  paypalPayoutsCsv,
  sepaCreditTransfer,
} from './payout-files.ts'

export const exportPayoutBatchInput = z.discriminatedUnion('format', [
  z.strictObject({ batchId: uuid, format: z.literal('csv') }),
  z.strictObject({ batchId: uuid, format: z.literal('paypal'), note: plainText(200).optional() }),
  z.strictObject({
    batchId: uuid,
    format: z.literal('sepa'),
    debtor: z.strictObject({
      name: requiredText(70),
      iban: requiredText(42),
      bic: plainText(11).optional(),
    }),
    /** The day the bank should pay (YYYY-MM-DD); default today. */
    executionDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must look like YYYY-MM-DD')
      .optional(),
    reference: plainText(140).optional(),
  }),
])

/**
 * A payout batch as a file for the bank or PayPal (CSV, PayPal Payouts CSV, SEPA pain.001.001.03).
 * Pending payouts only for the payment files (a paid or failed one is never paid twice); every
 * export is recorded in the audit log (format and count, never account numbers).
 */
export async function exportPayoutBatch(
  ctx: ServiceContext,
  raw: z.input<typeof exportPayoutBatchInput>,
): Promise<PayoutFile> {
  const input = parseInput(exportPayoutBatchInput, raw)
  const batch = await findPayoutBatch(ctx.db, input.batchId)
  if (!batch) throw new NotFoundError('payout batch', input.batchId)
  const lines: PayoutFileLine[] = batch.lines.map((l) => ({
    payoutId: l.id,
    partnerId: l.partnerId,
    partnerName: l.partnerName,
    partnerEmail: l.partnerEmail,
    amountMinor: l.amountMinor,
    feeMinor: l.feeMinor,
    currency: l.currency,
    method: l.method,
    status: l.status,
    details: l.detailsMethod === l.method ? l.details : null,
  }))
  const pending = lines.filter((l) => l.status === 'pending')
  const reference = `Commission payout ${batch.id.slice(0, 8)}`
  let file: PayoutFile
  try {
    if (input.format === 'csv') file = payoutCsv(batch.id, lines)
    else if (input.format === 'paypal') {
      if (!pending.some((l) => l.method === 'paypal'))
        throw new PayoutFileError('No pending PayPal payout in this batch')
      file = paypalPayoutsCsv(batch.id, pending, input.note ?? reference)
    } else {
      file = sepaCreditTransfer(
        batch.id,
        pending,
        { name: input.debtor.name, iban: input.debtor.iban, bic: input.debtor.bic || undefined },
        {
          now: ctx.now(),
          executionDate: input.executionDate ?? ctx.now().toISOString().slice(0, 10),
          reference: input.reference ?? reference,
        },
      )
    }
  } catch (error) {
    if (error instanceof PayoutFileError) throw new InvalidInputError(error.message)
    throw error
  }
  await insertAuditRow(ctx.db, {
    ...auditActor(ctx.actor),
    action: 'payout_batch.exported',
    entityType: 'payout_batch',
    entityId: batch.id,
    data: { format: input.format, payouts: input.format === 'csv' ? lines.length : pending.length },
  })
  return { filename: file.filename, mimeType: file.mimeType, content: file.content }
}
