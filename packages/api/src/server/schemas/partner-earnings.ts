import { z } from 'zod'
import { daySchema, instantSchema, moneySchema, pageOf, pageShape } from './common.ts'

export const earningsFilterShape = {
  programId: z.uuid('Not a valid id').optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'reversed']).optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
}
export const earningsListInput = z.object({ ...pageShape, ...earningsFilterShape })
export const earningsCsvInput = z.object(earningsFilterShape)

export const earningLineSchema = z.object({
  kind: z.enum(['commission', 'override', 'bonus', 'reward', 'reversal', 'clawback', 'adjustment']),
  level: z.number().int(),
  amount: moneySchema,
  status: z.enum(['pending', 'approved', 'rejected', 'reversed']),
  /** core's explanation in partner-safe words. */
  explanation: z.string(),
  at: instantSchema,
})

export const earningSchema = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  event: z.string(),
  orderId: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'reversed']),
  amount: moneySchema,
  refunded: moneySchema,
  occurredAt: instantSchema,
  /** This partner's net commission per currency. */
  commission: z.array(moneySchema),
  /** Why it is where it is: waiting for the hold (until), for review, approved, rejected (why), reversed. */
  why: z.object({
    state: z.enum(['on_hold', 'in_review', 'approved', 'rejected', 'reversed', 'partly_refunded']),
    holdUntil: instantSchema.nullable(),
    holdDays: z.number().int(),
    decidedAt: instantSchema.nullable(),
    reason: z.string().nullable(),
  }),
  /** How it was attributed to you, in partner-safe words. */
  attribution: z.string().nullable(),
  lines: z.array(earningLineSchema),
  refunds: z.array(z.object({ amount: moneySchema, at: instantSchema })),
})
export const earningsListOutput = pageOf(earningSchema)
export const earningsCsvOutput = z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() })
