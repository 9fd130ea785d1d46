import type { AuditEntry, Database } from '@tandem/db'
import type { Kysely, Transaction } from 'kysely'

/** Who is acting: recorded in every audit row the command writes. */
export type Actor =
  /** An admin portal user (users.id). */
  | { type: 'user'; id: string }
  /** A partner acting for themselves (partners.id). */
  | { type: 'partner'; id: string }
  /** A merchant's server through an API key (api_keys.id). */
  | { type: 'api'; id: string }
  /** A merchant's postback (the program's token or signature). */
  | { type: 'postback'; id: string | null }
  /** Jobs, the demo seed, the browser snippet: no person behind it. */
  | { type: 'system'; id: string | null }

/**
 * What every command runs with. `now` is a clock the caller controls: production passes the wall
 * clock, the demo seed replays 90 days of history through the same commands with its own.
 */
export interface ServiceContext {
  db: Kysely<Database>
  now(): Date
  actor: Actor
}

export type Trx = Transaction<Database>

export function systemContext(db: Kysely<Database>, now: () => Date = () => new Date()): ServiceContext {
  return { db, now, actor: { type: 'system', id: null } }
}

/** The audit row fields that say who acted. */
export function auditActor(actor: Actor): Pick<AuditEntry, 'actorType' | 'actorId'> {
  return { actorType: actor.type, actorId: actor.id }
}
