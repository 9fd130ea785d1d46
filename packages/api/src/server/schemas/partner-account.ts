import { z } from 'zod'
import { sessionUserSchema } from './auth.ts'
import { textSchema } from './common.ts'

// join.program (public)
export const joinProgramInput = z.object({
  slug: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9-]+$/, 'Not a program address'),
})
export const joinProgramOutput = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['affiliate', 'referral']),
  currency: z.string(),
  description: z.string().nullable(),
  terms: z.string().nullable(),
  applications: z.enum(['review', 'auto', 'closed']),
  /** The commission rules (program-wide) or referral rewards in words. */
  commissions: z.array(z.string()),
  cookieDays: z.number().int(),
  holdDays: z.number().int(),
  payoutThreshold: z.object({ amountMinor: z.number().int(), currency: z.string() }),
  payoutSchedule: z.enum(['manual', 'weekly', 'monthly']),
  /** Where the program's links may lead. */
  domains: z.array(z.string()),
})

// join.apply (public)
export const applyInput = z.object({
  slug: joinProgramInput.shape.slug,
  name: textSchema(120).pipe(z.string().min(1, 'Enter your name')),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('Enter a valid email address')),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'Choose a country')
    .optional(),
  website: z
    .string()
    .trim()
    .max(2048)
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  promotion: textSchema(2000).optional(),
  acceptTerms: z.literal(true, { error: 'Accept the program terms to apply' }),
})
export const applyOutput = z.object({ status: z.enum(['received', 'approved']) })

// account.invitation (public)
export const tokenInput = z.object({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
})
export const invitationOutput = z.object({
  valid: z.boolean(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  partnerName: z.string().nullable(),
})

// account.acceptInvitation, account.resetPassword (public)
export const setPasswordInput = tokenInput.extend({
  password: z.string().min(10, 'Use at least 10 characters').max(200, 'Use at most 200 characters'),
})
export const setPasswordOutput = z.object({ user: sessionUserSchema.nullable() })

// account.requestPasswordReset (public)
export const requestResetInput = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('Enter a valid email address')),
})
export const requestResetOutput = z.object({ ok: z.literal(true) })

// programs.list, programs.apply
export const partnerProgramSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['affiliate', 'referral']),
  currency: z.string(),
  description: z.string().nullable(),
  /** The partner's enrollment; null when they have not joined. */
  enrollment: z.enum(['pending', 'approved', 'rejected', 'suspended']).nullable(),
  open: z.boolean(),
})
export const partnerProgramsOutput = z.array(partnerProgramSchema)
export const partnerApplyInput = z.object({
  programId: z.uuid('Not a valid id'),
  website: applyInput.shape.website,
  promotion: applyInput.shape.promotion,
})
export const partnerApplyOutput = z.object({ status: z.enum(['received', 'approved']), created: z.boolean() })
