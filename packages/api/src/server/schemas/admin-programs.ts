import {
  createProgramInput,
  publishRuleSetInput,
  simulateOrderInput,
  updateProgramInput,
} from '@tandem/services'
import { z } from 'zod'
import { instantSchema, moneySchema, uuidSchema } from './common.ts'

// Inputs are the services' own schemas: one definition, checked at the edge (a 400 with each
// field's problem) and again by the command.
export { createProgramInput, updateProgramInput }

export const programIdInput = z.object({ programId: uuidSchema })

const roundingSchema = z.enum(['half-even', 'half-up', 'down', 'up'])

export const programDetailOutput = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['affiliate', 'referral']),
  status: z.enum(['active', 'paused', 'archived']),
  currency: z.string(),
  clickParam: z.string(),
  cookieDays: z.number().int(),
  holdDays: z.number().int(),
  roundingMode: roundingSchema,
  attribution: z.record(z.string(), z.unknown()),
  fraud: z.record(z.string(), z.unknown()),
  rewards: z.record(z.string(), z.unknown()).nullable(),
  allowedDomains: z.array(z.string()),
  deepLinkSubdomains: z.boolean(),
  defaultLandingUrl: z.string(),
  payoutThresholdMinor: z.number().int(),
  payoutSchedule: z.enum(['manual', 'weekly', 'monthly']),
  pixelConversions: z.enum(['on', 'confirm', 'off']),
  maxConversionAmountMinor: z.number().int().nullable(),
  rejectedClicks: z.enum(['keep_unattributed', 'refuse']),
  createdAt: instantSchema,
  updatedAt: instantSchema,
})

export const createProgramOutput = z.object({
  id: z.string(),
  slug: z.string(),
  postbackToken: z.string(),
  postbackHmacSecret: z.string(),
})

export const okOutput = z.object({ ok: z.literal(true) })

export const setProgramStatusInput = z.object({
  programId: uuidSchema,
  status: z.enum(['active', 'paused', 'archived']),
})

export const rotateCredentialsInput = z.object({
  programId: uuidSchema,
  /** How long the old token and secret keep working. */
  graceHours: z.number().int().min(0, 'at least 0 hours').max(720, 'at most 720 hours (30 days)').default(24),
})

/** Copy-ready integration snippets for one program, built from the tracker's public URL. */
export const integrationSchema = z.object({
  trackerUrl: z.string(),
  snippet: z.string(),
  /** A sale postback with the token; placeholders in {braces}. */
  postbackUrl: z.string(),
  /** A refund of an order. */
  refundUrl: z.string(),
  /** The signed form (HMAC instead of the token), as a shell script. */
  signedExample: z.string(),
  /** A tracking link's form. */
  linkExample: z.string(),
})

export const credentialsOutput = z.object({
  postbackToken: z.string(),
  postbackHmacSecret: z.string(),
  previous: z
    .object({ postbackToken: z.string(), postbackHmacSecret: z.string(), validUntil: instantSchema })
    .nullable(),
  integration: integrationSchema,
})

export const rotateCredentialsOutput = z.object({
  postbackToken: z.string(),
  postbackHmacSecret: z.string(),
  previousValidUntil: instantSchema,
})

// Rules
export const ruleSchema = z.record(z.string(), z.unknown())

export const ruleVersionsOutput = z.object({
  currency: z.string(),
  rounding: roundingSchema,
  versions: z.array(
    z.object({
      version: z.number().int(),
      rules: z.array(ruleSchema),
      effectiveFrom: instantSchema,
      note: z.string().nullable(),
      createdBy: z.string().nullable(),
      createdAt: instantSchema,
      /** The version pricing conversions now. */
      inForce: z.boolean(),
    }),
  ),
})

export const checkRulesInput = z.object({
  programId: uuidSchema,
  rules: publishRuleSetInput.shape.rules,
})

export const ruleProblemSchema = z.object({
  code: z.string(),
  ruleId: z.string().nullable(),
  path: z.string(),
  message: z.string(),
})

export const checkRulesOutput = z.object({ problems: z.array(ruleProblemSchema) })

export { publishRuleSetInput, simulateOrderInput }

export const publishRulesOutput = z.object({ version: z.number().int(), ruleIds: z.array(z.string()) })

export const simulateOrderOutput = z.object({
  ruleSet: z
    .union([
      z.object({ source: z.literal('draft') }),
      z.object({ source: z.literal('version'), version: z.number().int() }),
    ])
    .nullable(),
  problems: z.array(ruleProblemSchema),
  attribution: z.object({
    source: z.string(),
    explanation: z.string(),
    needsReview: z.boolean(),
    shares: z.array(
      z.object({
        partnerId: z.string(),
        partnerName: z.string().nullable(),
        weightPpm: z.number().int(),
        reason: z.string(),
      }),
    ),
    flags: z.array(z.object({ code: z.string(), partnerId: z.string(), reason: z.string() })),
  }),
  lines: z.array(
    z.object({
      partnerId: z.string(),
      partnerName: z.string().nullable(),
      level: z.number().int(),
      ruleId: z.string(),
      ruleName: z.string().nullable(),
      kind: z.string(),
      amount: moneySchema,
      explanation: z.string(),
    }),
  ),
  notes: z.array(z.string()),
  total: moneySchema,
})

export const programGroupsOutput = z.array(
  z.object({ id: z.string(), slug: z.string(), name: z.string(), members: z.number().int() }),
)
