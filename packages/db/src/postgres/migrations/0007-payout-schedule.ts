import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * programs.payout_schedule: 'manual' (a manager creates batches), or 'weekly' / 'monthly': the
 * scheduled-payouts job plans a batch with core's payout planning once per week (from Monday,
 * UTC) or month (from the 1st, UTC).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
alter table programs add column payout_schedule text not null default 'manual'
  check (payout_schedule in ('manual', 'weekly', 'monthly'));
`,
  )
}
