import type { Kysely } from 'kysely'
import type { AuditLogTable, Database } from '../postgres/schema.ts'

export interface AuditEntry {
  actorType: AuditLogTable['actor_type']
  actorId: string | null
  action: string
  entityType: string
  entityId: string | null
  data: Record<string, unknown>
}

/** One audit row; callers pass their transaction so the row commits with the change it records. */
export async function insertAuditRow(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_type: entry.actorType,
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      data: JSON.stringify(entry.data),
    })
    .execute()
}
