import { randomUUID } from 'node:crypto'
import { findConversionRef, loadConversionProgram } from '@tandem/db'
import { z } from 'zod'
import type { ServiceContext } from '../context.ts'
import { NotFoundError, parseInput } from '../errors.ts'
import { plainText, uuid } from '../shared/fields.ts'
import { changeConversion } from './change.ts'
import type { ConversionOutcome } from './types.ts'

/** A person's decision has no HTTP request behind it: no client facts to record. */
const NO_CLIENT = { ipHash: '', visitorHash: '', userAgent: '', referer: '' }

async function target(ctx: ServiceContext, conversionId: string) {
  const ref = await findConversionRef(ctx.db, conversionId)
  if (!ref) throw new NotFoundError('conversion', conversionId)
  const program = await loadConversionProgram(ctx.db, { id: ref.programId })
  if (!program) throw new NotFoundError('program', ref.programId)
  return { ref, program }
}

export const reviewConversionInput = z.strictObject({
  conversionId: uuid,
  status: z.enum(['approved', 'rejected']),
  reason: plainText(500).optional(),
})

/**
 * A manager approves or rejects a conversion from the review queue: the same change a merchant's
 * status postback makes (core decides the transition, the ledger rows follow), with the reason.
 */
export async function reviewConversion(
  ctx: ServiceContext,
  raw: z.input<typeof reviewConversionInput>,
): Promise<ConversionOutcome> {
  const input = parseInput(reviewConversionInput, raw)
  const { ref, program } = await target(ctx, input.conversionId)
  return changeConversion(ctx, program, {
    source: 'admin',
    event: ref.event,
    orderId: ref.orderId,
    change: { type: 'status', status: input.status, reason: input.reason || null },
    client: NO_CLIENT,
  })
}

export const refundConversionInput = z.strictObject({
  conversionId: uuid,
  /** Minor units of the conversion's currency; absent: everything not refunded yet. */
  amountMinor: z
    .number()
    .int('must be a whole number of minor units')
    .min(1, 'must be more than zero')
    .optional(),
  /** The merchant's refund reference; a retried refund with the same id is applied once. */
  refundId: plainText(128).optional(),
})

/** Records a refund by hand (full or partial): core computes the reversal rows, a clawback if paid. */
export async function refundConversion(
  ctx: ServiceContext,
  raw: z.input<typeof refundConversionInput>,
): Promise<ConversionOutcome> {
  const input = parseInput(refundConversionInput, raw)
  const { ref, program } = await target(ctx, input.conversionId)
  return changeConversion(ctx, program, {
    source: 'admin',
    event: ref.event,
    orderId: ref.orderId,
    change: {
      type: 'refund',
      refundId: input.refundId || `admin-${randomUUID()}`,
      amount:
        input.amountMinor === undefined ? null : { amountMinor: input.amountMinor, currency: ref.currency },
    },
    client: NO_CLIENT,
  })
}
