import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * Signed postbacks already used, per program, until their signature window has passed: a
 * captured signed postback cannot be replayed to any tracker replica (the memory is shared, not
 * per process, and survives restarts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
create table postback_signatures (
  program_id uuid not null references programs(id),
  signature text not null,
  expires_at timestamptz not null,
  primary key (program_id, signature)
);
create index postback_signatures_expiry_idx on postback_signatures (expires_at);
`,
  )
}
