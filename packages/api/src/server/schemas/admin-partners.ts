import { createCouponInput, createLinkInput, createPartnerInput } from '@tandem/services'
import { z } from 'zod'
import { instantSchema, moneySchema, textSchema, uuidSchema } from './common.ts'

export { createCouponInput, createLinkInput, createPartnerInput }

export const partnerIdInput = z.object({ partnerId: uuidSchema })

export const partnerDetailOutput = z.object({
  id: z.string(),
  type: z.enum(['affiliate', 'ambassador']),
  name: z.string(),
  email: z.string(),
  country: z.string().nullable(),
  status: z.enum(['active', 'suspended', 'deactivated']),
  flagged: z.boolean(),
  payoutHoldReason: z.string().nullable(),
  payoutMethod: z.string().nullable(),
  payoutCurrency: z.string().nullable(),
  parent: z.object({ id: z.string(), name: z.string() }).nullable(),
  hasLogin: z.boolean(),
  createdAt: instantSchema,
  enrollments: z.array(
    z.object({
      programId: z.string(),
      programName: z.string(),
      currency: z.string(),
      status: z.string(),
      groupId: z.string().nullable(),
      groupName: z.string().nullable(),
      createdAt: instantSchema,
      decidedAt: instantSchema.nullable(),
    }),
  ),
  links: z.array(
    z.object({
      id: z.number().int(),
      programId: z.string(),
      programName: z.string(),
      code: z.string(),
      name: z.string().nullable(),
      destinationUrl: z.string(),
      trackingUrl: z.string(),
      status: z.string(),
      createdAt: instantSchema,
    }),
  ),
  coupons: z.array(
    z.object({
      id: z.string(),
      programId: z.string(),
      programName: z.string(),
      code: z.string(),
      status: z.string(),
      discount: z.record(z.string(), z.unknown()).nullable(),
      createdAt: instantSchema,
    }),
  ),
  payouts: z.array(
    z.object({
      id: z.string(),
      batchId: z.string(),
      amount: moneySchema,
      method: z.string(),
      status: z.string(),
      reference: z.string().nullable(),
      createdAt: instantSchema,
      paidAt: instantSchema.nullable(),
    }),
  ),
  flaggedConversions: z.array(
    z.object({
      id: z.string(),
      orderId: z.string(),
      programName: z.string(),
      status: z.string(),
      occurredAt: instantSchema,
      flags: z.array(z.object({ code: z.string(), reason: z.string() })),
    }),
  ),
  audit: z.array(
    z.object({
      id: z.number().int(),
      at: instantSchema,
      action: z.string(),
      actorType: z.string(),
      actorName: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  activity: z.object({
    from: z.string(),
    to: z.string(),
    clicks: z.number().int(),
    conversions: z.number().int(),
    currency: z.string().nullable(),
    balances: z.object({
      pending: z.array(moneySchema),
      approved: z.array(moneySchema),
      paid: z.array(moneySchema),
    }),
    byDay: z.array(
      z.object({
        day: z.string(),
        clicks: z.number().int(),
        conversions: z.number().int(),
        earningsMinor: z.number().int(),
      }),
    ),
  }),
})

export const createPartnerOutput = z.object({ id: z.string() })

const reason = textSchema(500).optional()

export const adminSetEnrollmentInput = z.object({
  programId: uuidSchema,
  partnerId: uuidSchema,
  status: z.enum(['pending', 'approved', 'rejected', 'suspended']),
  reason,
})

export const setPartnerStatusInput = z.object({
  partnerId: uuidSchema,
  status: z.enum(['active', 'suspended', 'deactivated']),
  reason,
})

export const setPayoutHoldInput = z.object({
  partnerId: uuidSchema,
  /** A reason holds the payouts; null releases them. */
  reason: textSchema(500).pipe(z.string().min(1, 'Give a reason')).nullable(),
})

export const addNoteInput = z.object({
  partnerId: uuidSchema,
  note: textSchema(2000).pipe(z.string().min(1, 'Write a note')),
})

export const inviteOutput = z.object({
  email: z.string(),
  /** The one-time link to send the partner (the partner portal's set-password page). */
  url: z.string(),
  expiresAt: instantSchema,
})

export const createGroupInput = z.object({
  programId: uuidSchema,
  slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'lower-case letters, digits or dashes'),
  name: textSchema(120).pipe(z.string().min(1, 'Give the group a name')),
})

export const assignGroupInput = z.object({
  programId: uuidSchema,
  partnerId: uuidSchema,
  groupId: uuidSchema.nullable(),
})

export const setLinkStatusInput = z.object({
  linkId: z.number().int().positive(),
  status: z.enum(['active', 'paused']),
})

export const setCouponStatusInput = z.object({ couponId: uuidSchema, status: z.enum(['active', 'paused']) })

export const createdLinkOutput = z.object({
  id: z.number().int(),
  code: z.string(),
  destinationUrl: z.string(),
  trackingUrl: z.string(),
})
export const createdCouponOutput = z.object({ id: z.string(), code: z.string() })
export const okOutput = z.object({ ok: z.literal(true) })
