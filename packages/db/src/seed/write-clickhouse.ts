import type { ClickHouseClient } from '@clickhouse/client'

const CHUNK = 50_000

/**
 * Inserts rows in batches of 50k. Each batch carries a deduplication token derived
 * from the seed's identity, so re-running an interrupted seed with the same `now` does not
 * duplicate rows (ClickHouse drops a batch whose token it has seen).
 */
export async function writeClickHouse(
  ch: ClickHouseClient,
  table: 'clicks' | 'events',
  rows: readonly object[],
  token: string,
  log: (line: string) => void,
): Promise<void> {
  const first = rows[0]
  if (!first) return
  // JSONCompactEachRow (arrays, names once) parses noticeably faster than JSONEachRow in chDB.
  const columns = Object.keys(first) as [string, ...string[]]
  for (let i = 0; i < rows.length; i += CHUNK) {
    const batch = rows
      .slice(i, i + CHUNK)
      .map((row) => columns.map((c) => (row as Record<string, unknown>)[c]))
    await ch.insert({
      table,
      columns,
      values: batch,
      format: 'JSONCompactEachRow',
      clickhouse_settings: { insert_deduplication_token: `${token}:${table}:${i / CHUNK}` },
    })
    log(`clickhouse ${table} ${Math.min(i + CHUNK, rows.length)}/${rows.length}`)
  }
}
