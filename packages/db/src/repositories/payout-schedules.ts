import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface ScheduledPayoutProgram {
  id: string
  schedule: 'weekly' | 'monthly'
  /** When its latest batch that was not cancelled was created; null when it has none. */
  lastBatchAt: Date | null
}

/** Active programs that ask for scheduled payouts, with when their last batch was made. */
export async function listScheduledPayoutPrograms(db: Kysely<Database>): Promise<ScheduledPayoutProgram[]> {
  const rows = await db
    .selectFrom('programs as p')
    .leftJoin('payout_batches as b', (j) =>
      j.onRef('b.program_id', '=', 'p.id').on('b.status', '!=', 'cancelled'),
    )
    .select(['p.id', 'p.payout_schedule', sql<Date | null>`max(b.created_at)`.as('last_batch_at')])
    .where('p.payout_schedule', '!=', 'manual')
    .where('p.status', '=', 'active')
    .groupBy(['p.id', 'p.payout_schedule'])
    .execute()
  return rows.map((r) => ({
    id: r.id,
    schedule: r.payout_schedule as 'weekly' | 'monthly',
    lastBatchAt: r.last_batch_at,
  }))
}
