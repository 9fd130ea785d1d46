import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface TeamMember {
  id: string
  email: string
  name: string
  role: 'owner' | 'manager' | 'viewer' | null
  disabled: boolean
  createdAt: Date
}

export interface PendingInvitation {
  id: string
  email: string
  name: string
  role: 'owner' | 'manager' | 'viewer' | null
  createdAt: Date
  expiresAt: Date
}

/** The admin team and the invitations not accepted yet (expired ones too, marked by their date). */
export async function listTeam(
  db: Kysely<Database>,
): Promise<{ members: TeamMember[]; invitations: PendingInvitation[] }> {
  const [members, invitations] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'admin_role', 'disabled_at', 'created_at'])
      .where('kind', '=', 'admin')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('invitations')
      .select(['id', 'email', 'name', 'admin_role', 'created_at', 'expires_at'])
      .where('kind', '=', 'admin')
      .where('accepted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute(),
  ])
  return {
    members: members.map((m) => ({
      id: m.id,
      email: m.email,
      name: m.name,
      role: m.admin_role,
      disabled: m.disabled_at !== null,
      createdAt: m.created_at,
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.name,
      role: i.admin_role,
      createdAt: i.created_at,
      expiresAt: i.expires_at,
    })),
  }
}

export interface ApiKeyListItem {
  id: string
  name: string
  prefix: string
  scopes: string[]
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

/** A program's API keys (never their hashes), newest first. */
export async function listApiKeys(db: Kysely<Database>, programId: string): Promise<ApiKeyListItem[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .where('program_id', '=', programId)
    .orderBy('created_at', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }))
}

/** Queues one event for one endpoint only (a test send), returning its event id. */
export async function enqueueEndpointEvent(
  trx: Kysely<Database>,
  p: { endpointId: string; topic: string; payload: Record<string, unknown>; now: Date },
): Promise<string> {
  const row = await trx
    .insertInto('outbox')
    .values({
      endpoint_id: p.endpointId,
      topic: p.topic,
      payload: JSON.stringify({ topic: p.topic, ...p.payload }),
      next_attempt_at: p.now,
    })
    .returning('event_id')
    .executeTakeFirstOrThrow()
  return row.event_id
}

export interface AuditListItem {
  id: number
  at: Date
  actorType: string
  actorId: string | null
  actorName: string | null
  action: string
  entityType: string
  entityId: string | null
  data: Record<string, unknown>
}

/** The audit log, newest first, paged by id; filtered by action prefix, entity type or actor type. */
export async function listAuditLog(
  db: Kysely<Database>,
  p: {
    action?: string | undefined
    entityType?: string | undefined
    actorType?: string | undefined
    beforeId?: number | undefined
    limit: number
  },
): Promise<AuditListItem[]> {
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', (j) => j.on(sql<boolean>`a.actor_type = 'user' and u.id::text = a.actor_id`))
    .select([
      'a.id',
      'a.at',
      'a.actor_type',
      'a.actor_id',
      'u.name as actor_name',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.data',
    ])
    .$if(Boolean(p.action), (q) =>
      q.where('a.action', 'like', `${p.action!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
    )
    .$if(Boolean(p.entityType), (q) => q.where('a.entity_type', '=', p.entityType!))
    .$if(Boolean(p.actorType), (q) => q.where('a.actor_type', '=', p.actorType as never))
    .$if(p.beforeId !== undefined, (q) => q.where('a.id', '<', p.beforeId!))
    .orderBy('a.id', 'desc')
    .limit(p.limit)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data,
  }))
}
