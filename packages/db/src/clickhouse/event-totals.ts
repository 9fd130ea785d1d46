import type { ClickHouseClient } from '@clickhouse/client'
import { z } from 'zod'
import { chInt, chRows } from './query.ts'

export interface EventTotals {
  clicks: number
  botClicks: number
  /** `events` rows: conversions, status changes, refunds, pixel hits. */
  events: number
}

const totalsRow = z.object({ clicks: chInt, bots: chInt, events: chInt })

/** Raw row counts of `clicks` and `events` for some programs (what a data load wrote). */
export async function eventTotals(ch: ClickHouseClient, programIds: readonly string[]): Promise<EventTotals> {
  if (programIds.length === 0) return { clicks: 0, botClicks: 0, events: 0 }
  const [row] = await chRows(
    ch,
    `SELECT (SELECT count() FROM clicks WHERE program_id IN {ids:Array(UUID)}) AS clicks,
            (SELECT countIf(is_bot = 1) FROM clicks WHERE program_id IN {ids:Array(UUID)}) AS bots,
            (SELECT count() FROM events WHERE program_id IN {ids:Array(UUID)}) AS events`,
    { ids: [...programIds] },
    totalsRow,
  )
  return { clicks: row?.clicks ?? 0, botClicks: row?.bots ?? 0, events: row?.events ?? 0 }
}
