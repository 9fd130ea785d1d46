import { API_KEY_SCOPES, createApiKeyInput, inviteAdminInput, WEBHOOK_TOPICS } from '@tandem/services'
import { z } from 'zod'
import { instantSchema, textSchema, uuidSchema } from './common.ts'

export { createApiKeyInput, inviteAdminInput }

const role = z.enum(['owner', 'manager', 'viewer'])

export const teamOutput = z.object({
  members: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      role: role.nullable(),
      disabled: z.boolean(),
      createdAt: instantSchema,
    }),
  ),
  invitations: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      role: role.nullable(),
      createdAt: instantSchema,
      expiresAt: instantSchema,
    }),
  ),
})

export const inviteOutput = z.object({ path: z.string(), expiresAt: instantSchema })
export const setRoleInput = z.object({ userId: uuidSchema, role })
export const userIdInput = z.object({ userId: uuidSchema })
export const acceptInput = z.object({
  token: z.string().min(20, 'This link is not complete').max(100),
  password: z.string().min(10, 'Use at least 10 characters').max(200, 'Use at most 200 characters'),
})

export const programIdInput = z.object({ programId: uuidSchema })
export const apiKeysOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.string()),
    createdAt: instantSchema,
    lastUsedAt: instantSchema.nullable(),
    revokedAt: instantSchema.nullable(),
  }),
)
export const createdApiKeyOutput = z.object({
  id: z.string(),
  /** Shown once: only its hash is stored. */
  key: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
})
export const apiKeyIdInput = z.object({ apiKeyId: uuidSchema })

const endpoint = z.object({
  id: z.string(),
  programId: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdAt: instantSchema,
})
export const endpointsOutput = z.array(endpoint)
const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\/\S+$/.test(v), 'An http(s) URL such as https://shop.example/hooks/tandem')
export const createEndpointInput = z.object({
  programId: uuidSchema,
  url: webhookUrl,
  events: z.array(z.enum(WEBHOOK_TOPICS)).max(WEBHOOK_TOPICS.length).default([]),
})
export const createdEndpointOutput = z.object({ endpoint, secret: z.string() })
export const updateEndpointInput = z.object({
  endpointId: uuidSchema,
  url: webhookUrl.optional(),
  events: z.array(z.enum(WEBHOOK_TOPICS)).max(WEBHOOK_TOPICS.length).optional(),
  active: z.boolean().optional(),
})
export const endpointIdInput = z.object({ endpointId: uuidSchema })
export const deliveriesOutput = z.array(
  z.object({
    id: z.number().int(),
    eventId: z.string(),
    attempt: z.number().int(),
    url: z.string(),
    status: z.string(),
    statusCode: z.number().int().nullable(),
    latencyMs: z.number().int().nullable(),
    responseExcerpt: z.string().nullable(),
    error: z.string().nullable(),
    startedAt: instantSchema,
  }),
)
export const replayInput = z.object({ endpointId: uuidSchema, eventId: uuidSchema })

export const auditInput = z.object({
  action: textSchema(80).optional(),
  entityType: textSchema(40).optional(),
  actorType: z.enum(['user', 'partner', 'system', 'api', 'postback']).optional(),
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
})
export const auditOutput = z.array(
  z.object({
    id: z.number().int(),
    at: instantSchema,
    actorType: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  }),
)
export const okOutput = z.object({ ok: z.literal(true) })
