import { exportPayoutBatchInput, markPayoutInput, setPayoutDetailsInput } from '@tandem/services'
import { z } from 'zod'
import { instantSchema, moneySchema, textSchema, uuidSchema } from './common.ts'

export { exportPayoutBatchInput, markPayoutInput, setPayoutDetailsInput }

export const previewInput = z.object({ programId: uuidSchema })

const partnerRef = { partnerId: z.string(), partnerName: z.string() }

export const previewOutput = z.object({
  programId: z.string(),
  currency: z.string(),
  lines: z.array(
    z.object({
      ...partnerRef,
      method: z.string(),
      amount: moneySchema,
      fee: moneySchema,
      net: moneySchema,
      rows: z.number().int(),
      explanation: z.string(),
    }),
  ),
  heldBack: z.array(
    z.object({
      ...partnerRef,
      amount: moneySchema,
      reason: z.string(),
      explanation: z.string(),
      rows: z.number().int(),
    }),
  ),
  totals: z.array(z.object({ amount: moneySchema, fees: moneySchema, net: moneySchema })),
})

export const createBatchOutput = z.object({
  batchId: z.string().nullable(),
  payouts: z.number().int(),
  heldBack: z.number().int(),
})

const batchSummary = {
  id: z.string(),
  programId: z.string().nullable(),
  programName: z.string().nullable(),
  status: z.string(),
  total: moneySchema,
  payouts: z.number().int(),
  paid: z.number().int(),
  failed: z.number().int(),
  createdAt: instantSchema,
  createdByName: z.string().nullable(),
  paidAt: instantSchema.nullable(),
}

export const batchesInput = z.object({ programId: uuidSchema.optional() })
export const batchesOutput = z.array(z.object(batchSummary))

export const batchIdInput = z.object({ batchId: uuidSchema })
export const batchOutput = z.object({
  ...batchSummary,
  lines: z.array(
    z.object({
      id: z.string(),
      ...partnerRef,
      partnerEmail: z.string(),
      amount: moneySchema,
      fee: moneySchema,
      method: z.string(),
      status: z.string(),
      reference: z.string().nullable(),
      paidAt: instantSchema.nullable(),
      /** Where it goes, masked ("DE89 …3000", "a…@example.com"): the files carry the full account. */
      account: z.string().nullable(),
      rows: z.number().int(),
    }),
  ),
})

export const exportOutput = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() })

export const markBatchPaidInput = z.object({ batchId: uuidSchema, reference: textSchema(200).optional() })
export const markBatchPaidOutput = z.object({ paid: z.number().int() })
export const markPayoutOutput = z.object({ changed: z.boolean(), batchStatus: z.string().nullable() })
export const okOutput = z.object({ ok: z.literal(true) })
