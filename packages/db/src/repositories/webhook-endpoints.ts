import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface WebhookEndpointRow {
  id: string
  programId: string
  url: string
  secret: string
  events: string[]
  active: boolean
  createdAt: Date
}

const columns = ['id', 'program_id', 'url', 'secret', 'events', 'active', 'created_at'] as const

function toRow(r: {
  id: string
  program_id: string
  url: string
  secret: string
  events: string[]
  active: boolean
  created_at: Date
}): WebhookEndpointRow {
  return {
    id: r.id,
    programId: r.program_id,
    url: r.url,
    secret: r.secret,
    events: r.events,
    active: r.active,
    createdAt: r.created_at,
  }
}

export async function insertWebhookEndpoint(
  db: Kysely<Database>,
  e: { programId: string; url: string; secret: string; events: string[] },
): Promise<WebhookEndpointRow> {
  const row = await db
    .insertInto('webhook_endpoints')
    .values({ program_id: e.programId, url: e.url, secret: e.secret, events: e.events })
    .returning(columns)
    .executeTakeFirstOrThrow()
  return toRow(row)
}

export async function findWebhookEndpoint(
  db: Kysely<Database>,
  id: string,
): Promise<WebhookEndpointRow | null> {
  const row = await db.selectFrom('webhook_endpoints').select(columns).where('id', '=', id).executeTakeFirst()
  return row ? toRow(row) : null
}

export async function listWebhookEndpoints(
  db: Kysely<Database>,
  programId: string,
): Promise<WebhookEndpointRow[]> {
  const rows = await db
    .selectFrom('webhook_endpoints')
    .select(columns)
    .where('program_id', '=', programId)
    .orderBy('created_at')
    .execute()
  return rows.map(toRow)
}

export async function updateWebhookEndpoint(
  db: Kysely<Database>,
  id: string,
  change: { url?: string; events?: string[]; active?: boolean; secret?: string },
): Promise<WebhookEndpointRow | null> {
  const row = await db
    .updateTable('webhook_endpoints')
    .set(change)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst()
  return row ? toRow(row) : null
}
