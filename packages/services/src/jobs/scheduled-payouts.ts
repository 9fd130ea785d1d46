import { type Database, listScheduledPayoutPrograms } from '@tandem/db'
import type { Kysely } from 'kysely'
import { systemContext } from '../context.ts'
import { createPayoutBatch } from '../payouts/payouts.ts'

/** Start of the period `now` is in: Monday 00:00 UTC for weekly, the 1st 00:00 UTC for monthly. */
export function payoutPeriodStart(schedule: 'weekly' | 'monthly', now: Date): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  if (schedule === 'monthly') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
  const sinceMonday = (now.getUTCDay() + 6) % 7
  return new Date(day - sinceMonday * 86_400_000)
}

/**
 * Scheduled payout planning: for each program that asks for weekly or monthly payouts and has
 * no batch yet in the current period, the payouts service plans one with core (thresholds,
 * holds, fees) and writes it. Nothing payable: no batch, and the next sweep looks again. Two
 * sweeps at once are safe: the service locks the program and its payable rows.
 */
export async function planScheduledPayouts(
  db: Kysely<Database>,
  now: Date,
  log: (line: string) => void = () => {},
): Promise<{ batches: number }> {
  let batches = 0
  for (const program of await listScheduledPayoutPrograms(db)) {
    const start = payoutPeriodStart(program.schedule, now)
    if (program.lastBatchAt && program.lastBatchAt >= start) continue
    try {
      const created = await createPayoutBatch(
        systemContext(db, () => now),
        { programId: program.id },
      )
      if (created.batchId) {
        batches++
        log(
          `jobs: ${program.schedule} payouts: batch ${created.batchId} with ${created.lines.length} payout(s)`,
        )
      }
    } catch (error) {
      log(
        `jobs: scheduled payouts for program ${program.id}: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }
  return { batches }
}
