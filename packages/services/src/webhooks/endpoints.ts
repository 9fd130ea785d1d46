import {
  type AuditEntry,
  type Database,
  findProgramRef,
  findWebhookEndpoint,
  insertAuditRow,
  insertWebhookEndpoint,
  listWebhookEndpoints as listEndpointRows,
  updateWebhookEndpoint as updateEndpointRow,
  type WebhookEndpointRow,
} from '@tandem/db'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { NotFoundError, parseInput } from '../errors.ts'
import { generateWebhookSecret } from './signature.ts'
import { WEBHOOK_TOPICS } from './topics.ts'

/** Who asked for a change, as the audit row records it (the services' Actor fits). */
export interface ActingAs {
  type: AuditEntry['actorType']
  id: string | null
}

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol)
    } catch {
      return false
    }
  }, 'must be an http(s) URL')

const topics = z.array(z.enum(WEBHOOK_TOPICS)).max(WEBHOOK_TOPICS.length)

/** An endpoint as shown after creation: the secret is returned once here and on rotation only. */
export interface WebhookEndpointView {
  id: string
  programId: string
  url: string
  events: string[]
  active: boolean
  createdAt: string
}

function view(e: WebhookEndpointRow): WebhookEndpointView {
  return {
    id: e.id,
    programId: e.programId,
    url: e.url,
    events: e.events,
    active: e.active,
    createdAt: e.createdAt.toISOString(),
  }
}

const createInput = z.object({
  program: z.union([z.object({ id: z.string() }), z.object({ slug: z.string() })]),
  url: httpUrl,
  /** Empty or absent: every topic. */
  events: topics.default([]),
})

/** Registers an endpoint for a program; returns it with its signing secret (`whsec_…`). */
export async function createWebhookEndpoint(
  db: Kysely<Database>,
  input: z.input<typeof createInput>,
  actor: ActingAs,
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const { program, url, events } = parseInput(createInput, input)
  return db.transaction().execute(async (trx) => {
    const ref = await findProgramRef(trx, program)
    if (!ref) throw new NotFoundError('program', 'id' in program ? program.id : program.slug)
    const secret = generateWebhookSecret()
    const endpoint = await insertWebhookEndpoint(trx, { programId: ref.id, url, secret, events })
    await insertAuditRow(trx, {
      actorType: actor.type,
      actorId: actor.id,
      action: 'webhook_endpoint.created',
      entityType: 'webhook_endpoint',
      entityId: endpoint.id,
      data: { program_id: ref.id, url, events },
    })
    return { endpoint: view(endpoint), secret }
  })
}

const updateInput = z.object({
  endpointId: z.uuid(),
  url: httpUrl.optional(),
  events: topics.optional(),
  active: z.boolean().optional(),
})

/** Changes an endpoint's URL, topics or active flag (a disabled endpoint's queued events are dropped). */
export async function updateWebhookEndpoint(
  db: Kysely<Database>,
  input: z.input<typeof updateInput>,
  actor: ActingAs,
): Promise<WebhookEndpointView> {
  const { endpointId, ...change } = parseInput(updateInput, input)
  return db.transaction().execute(async (trx) => {
    const updated = await updateEndpointRow(trx, endpointId, change)
    if (!updated) throw new NotFoundError('webhook endpoint', endpointId)
    await insertAuditRow(trx, {
      actorType: actor.type,
      actorId: actor.id,
      action: 'webhook_endpoint.updated',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      data: change,
    })
    return view(updated)
  })
}

/** A new secret; the old one stops working at once (receivers switch when they get the new one). */
export async function rotateWebhookSecret(
  db: Kysely<Database>,
  input: { endpointId: string },
  actor: ActingAs,
): Promise<{ secret: string }> {
  const { endpointId } = parseInput(z.object({ endpointId: z.uuid() }), input)
  return db.transaction().execute(async (trx) => {
    const secret = generateWebhookSecret()
    const updated = await updateEndpointRow(trx, endpointId, { secret })
    if (!updated) throw new NotFoundError('webhook endpoint', endpointId)
    await insertAuditRow(trx, {
      actorType: actor.type,
      actorId: actor.id,
      action: 'webhook_endpoint.secret_rotated',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      data: {},
    })
    return { secret }
  })
}

export async function listWebhookEndpoints(
  db: Kysely<Database>,
  input: { programId: string },
): Promise<WebhookEndpointView[]> {
  const { programId } = parseInput(z.object({ programId: z.uuid() }), input)
  return (await listEndpointRows(db, programId)).map(view)
}

export async function getWebhookEndpoint(
  db: Kysely<Database>,
  input: { endpointId: string },
): Promise<WebhookEndpointView> {
  const { endpointId } = parseInput(z.object({ endpointId: z.uuid() }), input)
  const row = await findWebhookEndpoint(db, endpointId)
  if (!row) throw new NotFoundError('webhook endpoint', endpointId)
  return view(row)
}
