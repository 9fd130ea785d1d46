import type { ClickHouseClient } from '@clickhouse/client'

/**
 * Inserts `events` rows as one block with a deduplication token: sent again with the same token
 * (a retry, a relay restarted mid-batch) ClickHouse drops the block instead of counting it twice,
 * in the raw table and in the rollups.
 */
export async function insertEventRows(
  ch: ClickHouseClient,
  rows: readonly Record<string, unknown>[],
  token: string,
): Promise<void> {
  if (rows.length === 0) return
  await ch.insert({
    table: 'events',
    values: rows as Record<string, unknown>[],
    format: 'JSONEachRow',
    clickhouse_settings: {
      insert_deduplicate: 1,
      insert_deduplication_token: token,
      deduplicate_blocks_in_dependent_materialized_views: 1,
    },
  })
}
