import { z } from 'zod'
import { instantSchema } from './common.ts'

export const payoutDetailsView = z.discriminatedUnion('method', [
  z.object({ method: z.literal('paypal'), email: z.string() }),
  z.object({ method: z.literal('wise'), email: z.string(), accountHolder: z.string().nullable() }),
  z.object({
    method: z.literal('bank_transfer'),
    accountHolder: z.string(),
    /** Only the country and last four characters ("DE•• •••• 3000"). */
    ibanMasked: z.string(),
    bic: z.string().nullable(),
  }),
])

export const settingsOutput = z.object({
  name: z.string(),
  email: z.string(),
  type: z.enum(['affiliate', 'ambassador']),
  payout: payoutDetailsView.nullable(),
  payoutCurrency: z.string().nullable(),
  legalName: z.string().nullable(),
  address: z
    .object({
      line1: z.string(),
      line2: z.string().optional(),
      city: z.string(),
      postalCode: z.string(),
      region: z.string().optional(),
      country: z.string(),
    })
    .nullable(),
  tax: z
    .object({
      country: z.string(),
      vatId: z.string().optional(),
      form: z.enum(['none', 'w9', 'w8ben']),
      entityType: z.enum(['individual', 'business']),
      taxName: z.string(),
      /** Last four characters only. */
      tinLast4: z.string().nullable(),
      tinType: z.enum(['ssn', 'ein', 'foreign']).optional(),
      treatyCountry: z.string().optional(),
      certifiedBy: z.string().optional(),
      certifiedAt: z.string().nullable().optional(),
    })
    .nullable(),
  notifications: z.object({
    newConversion: z.boolean(),
    conversionApproved: z.boolean(),
    payoutSent: z.boolean(),
    programNews: z.boolean(),
  }),
  leaderboardName: z.string().nullable(),
})

export const setPayoutInput = z.discriminatedUnion('method', [
  z.object({ method: z.literal('paypal'), currency: z.string(), details: z.object({ email: z.string() }) }),
  z.object({
    method: z.literal('wise'),
    currency: z.string(),
    details: z.object({ email: z.string(), accountHolder: z.string().optional() }),
  }),
  z.object({
    method: z.literal('bank_transfer'),
    currency: z.string(),
    details: z.object({ accountHolder: z.string(), iban: z.string(), bic: z.string().optional() }),
  }),
])
export const changedOutput = z.object({ changed: z.boolean() })

export const postbacksOutput = z.array(
  z.object({
    programId: z.string(),
    programName: z.string(),
    urlTemplate: z.string().nullable(),
    events: z.array(z.string()),
    active: z.boolean(),
  }),
)
export const setPostbackInput = z.object({
  programId: z.uuid('Choose a program'),
  urlTemplate: z.string().trim().min(1, 'Enter a URL').max(2000),
  events: z.array(z.string()).max(20).default([]),
  active: z.boolean().default(true),
})
export const testPostbackInput = z.object({ programId: z.uuid('Choose a program') })
export const testPostbackOutput = z.object({ ok: z.boolean(), error: z.string().nullable() })
export const deliveriesInput = z.object({
  programId: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(20),
})
export const deliveriesOutput = z.array(
  z.object({
    id: z.number().int(),
    programId: z.string(),
    topic: z.string(),
    attempt: z.number().int(),
    url: z.string(),
    status: z.enum(['sending', 'succeeded', 'failed']),
    statusCode: z.number().int().nullable(),
    latencyMs: z.number().int().nullable(),
    responseExcerpt: z.string().nullable(),
    error: z.string().nullable(),
    at: instantSchema,
  }),
)
