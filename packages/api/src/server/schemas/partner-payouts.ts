import { z } from 'zod'
import { instantSchema, moneySchema } from './common.ts'

export const payoutSummaryOutput = z.object({
  /** All-time balances per currency. */
  balances: z.object({
    pending: z.array(moneySchema),
    approved: z.array(moneySchema),
    inPayout: z.array(moneySchema),
    paid: z.array(moneySchema),
  }),
  programs: z.array(
    z.object({
      programId: z.string(),
      programName: z.string(),
      approved: moneySchema,
      threshold: moneySchema,
      schedule: z.enum(['manual', 'weekly', 'monthly']),
      /** The next planned payout day (UTC) for scheduled programs; null when payouts are run by hand. */
      nextPayoutDay: z.string().nullable(),
      /** Approved balance has reached the threshold. */
      reachesThreshold: z.boolean(),
    }),
  ),
  payoutMethodSet: z.boolean(),
  /** The program team holds your payouts, with their reason. */
  holdReason: z.string().nullable(),
})

export const payoutListOutput = z.array(
  z.object({
    id: z.string(),
    programName: z.string().nullable(),
    amount: moneySchema,
    fee: moneySchema,
    method: z.string(),
    status: z.enum(['pending', 'paid', 'failed']),
    reference: z.string().nullable(),
    createdAt: instantSchema,
    paidAt: instantSchema.nullable(),
    lines: z.number().int(),
  }),
)

export const payoutIdInput = z.object({ payoutId: z.uuid('Not a valid id') })
export const payoutDetailOutput = payoutListOutput.element.extend({
  items: z.array(
    z.object({
      kind: z.string(),
      orderId: z.string().nullable(),
      event: z.string().nullable(),
      occurredAt: instantSchema.nullable(),
      amount: moneySchema,
      explanation: z.string(),
      at: instantSchema,
    }),
  ),
})

export const statementInput = z
  .object({
    payoutId: z.uuid('Not a valid id').optional(),
    /** A calendar month (UTC), YYYY-MM. */
    month: z
      .string()
      .regex(/^(19[7-9]\d|20\d\d)-(0[1-9]|1[0-2])$/, 'Months look like 2026-03')
      .optional(),
    format: z.enum(['pdf', 'csv']),
  })
  .refine((v) => (v.payoutId === undefined) !== (v.month === undefined), 'Ask for one payout or one month')
export const statementOutput = z.object({
  filename: z.string(),
  contentType: z.string(),
  /** base64 for PDF, text for CSV. */
  encoding: z.enum(['base64', 'utf8']),
  data: z.string(),
})
