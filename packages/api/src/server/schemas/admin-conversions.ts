import { refundConversionInput, reviewConversionInput } from '@tandem/services'
import { z } from 'zod'
import { conversionStatusSchema } from './admin.ts'
import { instantSchema, moneySchema, textSchema, uuidSchema } from './common.ts'

export { refundConversionInput, reviewConversionInput }

export const conversionIdInput = z.object({ conversionId: uuidSchema })

export const bulkReviewInput = z.object({
  conversionIds: z.array(uuidSchema).min(1, 'Select at least one conversion').max(200, 'At most 200 at once'),
  status: z.enum(['approved', 'rejected']),
  reason: textSchema(500).optional(),
})

export const bulkReviewOutput = z.object({
  results: z.array(
    z.object({
      conversionId: z.string(),
      ok: z.boolean(),
      status: z.string().nullable(),
      message: z.string().nullable(),
    }),
  ),
})

export const reviewOutput = z.object({
  result: z.string(),
  status: z.string(),
  /** Ledger rows this change wrote (reversals for a refund). */
  written: z.array(
    z.object({ partnerId: z.string(), kind: z.string(), amount: moneySchema, explanation: z.string() }),
  ),
})

export const conversionDetailOutput = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  programSlug: z.string(),
  event: z.string(),
  orderId: z.string(),
  status: conversionStatusSchema,
  source: z.string(),
  amount: moneySchema,
  tax: moneySchema,
  shipping: moneySchema,
  refunded: moneySchema,
  partnerId: z.string().nullable(),
  partnerName: z.string().nullable(),
  customerExternalId: z.string().nullable(),
  couponCode: z.string().nullable(),
  subIds: z.record(z.string(), z.string()),
  lineItems: z.array(z.unknown()),
  attribution: z.object({
    source: z.string(),
    explanation: z.string(),
    needsReview: z.boolean(),
    fraudScore: z.number().nullable(),
    shares: z.array(z.object({ partnerId: z.string(), weightPpm: z.number(), reason: z.string() })),
  }),
  touches: z.array(
    z.object({
      clickId: z.string(),
      at: z.string(),
      linkId: z.number().int(),
      partnerId: z.string(),
      country: z.string(),
      device: z.string(),
      referer: z.string(),
      subIds: z.array(z.string()),
      bot: z.boolean(),
    }),
  ),
  fraudFlags: z.array(z.object({ code: z.string(), reason: z.string() })),
  occurredAt: instantSchema,
  holdUntil: instantSchema.nullable(),
  decidedAt: instantSchema.nullable(),
  ruleSetVersion: z.number().int().nullable(),
  supersededBy: z.string().nullable(),
  refunds: z.array(
    z.object({ refundId: z.string(), amount: moneySchema, source: z.string(), createdAt: instantSchema }),
  ),
  ledger: z.array(
    z.object({
      id: z.string(),
      partnerId: z.string(),
      partnerName: z.string(),
      level: z.number().int(),
      kind: z.string(),
      ruleName: z.string().nullable(),
      amount: moneySchema,
      status: z.string(),
      explanation: z.string(),
      reversesId: z.string().nullable(),
      payoutStatus: z.string().nullable(),
      createdAt: instantSchema,
    }),
  ),
  audit: z.array(
    z.object({
      id: z.number().int(),
      at: instantSchema,
      action: z.string(),
      actorName: z.string().nullable(),
      actorType: z.string(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
})
