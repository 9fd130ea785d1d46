import { z } from 'zod'
import {
  checkDayRange,
  dayRangeShape,
  daySchema,
  instantSchema,
  moneySchema,
  pageOf,
  pageShape,
  textSchema,
  uuidSchema,
} from './common.ts'

export const programStatusSchema = z.enum(['active', 'paused', 'archived'])
export const enrollmentStatusSchema = z.enum(['pending', 'approved', 'rejected', 'suspended'])
export const conversionStatusSchema = z.enum(['pending', 'approved', 'rejected', 'reversed'])

// programs.list
export const programSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['affiliate', 'referral']),
  currency: z.string(),
  status: programStatusSchema,
})
export const programsListOutput = z.array(programSummarySchema)

// overview.summary
export const overviewSummaryInput = z
  .object({ ...dayRangeShape, programId: uuidSchema.optional() })
  .superRefine(checkDayRange)

export const overviewDaySchema = z.object({
  day: daySchema,
  /** Human clicks (bots excluded). */
  clicks: z.number().int(),
  uniqueClicks: z.number().int(),
  conversions: z.number().int(),
  /** In `chartCurrency` only (other currencies are in the totals, never added in). */
  revenueMinor: z.number().int(),
  commissionsMinor: z.number().int(),
})

export const overviewSummaryOutput = z.object({
  from: daySchema,
  to: daySchema,
  /** Human clicks (bots excluded); bots are counted in botClicks. */
  clicks: z.number().int(),
  uniqueClicks: z.number().int(),
  botClicks: z.number().int(),
  /** Conversions that occurred in the range, rejected ones excluded. */
  conversions: z.number().int(),
  /** Revenue (amount − refunded) per currency, one entry per currency. */
  revenue: z.array(moneySchema),
  /** Commission ledger rows of those conversions (all states but rejected), per currency. */
  commissions: z.array(moneySchema),
  /**
   * The currency byDay's money columns are in: the program's currency when programId is given,
   * else the currency with the most conversions in the range; null when there are none.
   */
  chartCurrency: z.string().nullable(),
  /** Every day of the range, zero-filled. */
  byDay: z.array(overviewDaySchema),
})

// partners.list
export const partnersListInput = z
  .object({
    programId: uuidSchema.optional(),
    /** Enrollment status (in programId when given, else in any program). */
    status: enrollmentStatusSchema.optional(),
    /** Matches name or email, case-insensitive. */
    search: textSchema(200).optional(),
    /** Stats period; defaults to the last 30 days (UTC, today included). */
    from: daySchema.optional(),
    to: daySchema.optional(),
    ...pageShape,
  })
  .superRefine((v, ctx) => {
    if ((v.from === undefined) !== (v.to === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Give both "from" and "to", or neither' })
    } else if (v.from !== undefined && v.to !== undefined) checkDayRange({ from: v.from, to: v.to }, ctx)
  })

export const partnerListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  type: z.enum(['affiliate', 'ambassador']),
  status: z.enum(['active', 'suspended', 'deactivated']),
  country: z.string().nullable(),
  flagged: z.boolean(),
  createdAt: instantSchema,
  enrollments: z.array(
    z.object({ programId: z.string(), programName: z.string(), status: enrollmentStatusSchema }),
  ),
  /** Human clicks in the period (programId's only when given). */
  clicks: z.number().int(),
  /** Conversions attributed to the partner in the period, rejected excluded. */
  conversions: z.number().int(),
  /** The partner's ledger rows created in the period, rejected excluded, per currency. */
  earnings: z.array(moneySchema),
})
export const partnersListOutput = pageOf(partnerListItemSchema).extend({ from: daySchema, to: daySchema })

// partners.setEnrollmentStatus (manager)
export const setEnrollmentStatusInput = z.object({
  programId: uuidSchema,
  partnerId: uuidSchema,
  status: z.enum(['approved', 'rejected', 'suspended']),
})
export const setEnrollmentStatusOutput = z.object({
  ok: z.literal(true),
  status: enrollmentStatusSchema,
})

// conversions.list
export const conversionsListInput = z
  .object({
    programId: uuidSchema.optional(),
    status: conversionStatusSchema.optional(),
    partnerId: uuidSchema.optional(),
    /** true: only conversions with fraud flags (the review queue's "flagged"); false: only without. */
    flagged: z.boolean().optional(),
    /** The merchant's order id, or its beginning. */
    orderId: textSchema(128).optional(),
    ...dayRangeShape,
    ...pageShape,
  })
  .superRefine(checkDayRange)

export const conversionListItemSchema = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  event: z.string(),
  orderId: z.string(),
  partnerId: z.string().nullable(),
  partnerName: z.string().nullable(),
  status: conversionStatusSchema,
  amount: moneySchema,
  refunded: moneySchema,
  /** Sum of the conversion's ledger rows (all levels, rejected excluded), per currency. */
  commissions: z.array(moneySchema),
  source: z.enum(['postback', 'api', 'snippet', 'admin', 'seed']),
  couponCode: z.string().nullable(),
  fraudFlags: z.array(z.object({ code: z.string(), reason: z.string() })),
  occurredAt: instantSchema,
  holdUntil: instantSchema.nullable(),
})
export const conversionsListOutput = pageOf(conversionListItemSchema)
