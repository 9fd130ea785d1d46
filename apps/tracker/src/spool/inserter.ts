import { Readable } from 'node:stream'
import type { Stores } from '@tandem/db'
import type { EventTable } from './record-codec.ts'

export interface InsertBatch {
  table: EventTable
  /** JSONEachRow: one JSON object per line, UTF-8. */
  body: Buffer
  rows: number
  /** Same batch, same token: ClickHouse drops a retried batch it already stored. */
  token: string
}

/** Where the sender puts batches. The real one is ClickHouse; tests wrap it to inject faults. */
export interface EventInserter {
  insert(batch: InsertBatch): Promise<void>
}

type Settings = NonNullable<Parameters<Stores['ch']['exec']>[0]['clickhouse_settings']>

const INSERT_SQL: Record<EventTable, string> = {
  clicks: 'INSERT INTO clicks FORMAT JSONEachRow',
  events: 'INSERT INTO events FORMAT JSONEachRow',
}

/**
 * Inserts raw JSONEachRow bytes: through chDB's raw insert in process (the buffer goes to the
 * engine as is, parsed on chDB's own thread), through `exec` over HTTP to a server. Rows are never
 * parsed into objects and encoded again. The table name comes from a fixed map, never from input.
 */
export function clickHouseInserter(ch: Stores['ch'], options: { embedded?: boolean } = {}): EventInserter {
  const raw = options.embedded ? chdbRawInsert(ch) : null
  if (raw) return embeddedInserter(raw)
  // In process without the raw path, one parsing thread: the engine shares the cores with the HTTP
  // path, and a burst of parallel parsing threads shows up as click latency.
  const embedded: Settings = options.embedded ? ONE_THREAD : {}
  return {
    async insert(batch) {
      const result = await ch.exec({
        query: INSERT_SQL[batch.table],
        values: Readable.from([batch.body], { objectMode: false }),
        clickhouse_settings: { ...dedupSettings(batch.token), ...embedded },
      })
      // Drain the (empty) response so an HTTP socket goes back to the pool.
      result.stream.resume()
    },
  }
}

const ONE_THREAD = { input_format_parallel_parsing: 0, max_insert_threads: '1', max_threads: 1 } as const

function dedupSettings(token: string) {
  return {
    insert_deduplicate: 1,
    insert_deduplication_token: token,
    // Dependent rollups dedupe the retried block too (else a retry double-counts them).
    deduplicate_blocks_in_dependent_materialized_views: 1,
  } as const
}

type RawInsert = (params: {
  table: string
  values: Buffer
  format: string
  settings: Record<string, string | number>
}) => Promise<unknown>

/**
 * chDB's raw insert, when `ch` is a client over a chDB connection (it exposes it as `.chdb`).
 * `exec` would turn the body into a string and the whole statement into one query text, on this
 * thread: measured, 1 µs per row on the event loop and 2.6× the engine's CPU of a raw insert.
 */
function chdbRawInsert(ch: Stores['ch']): RawInsert | null {
  const connection = (ch as unknown as { connection?: { chdb?: { rawInsert?: RawInsert } } }).connection
  const rawInsert = connection?.chdb?.rawInsert
  return typeof rawInsert === 'function' ? rawInsert.bind(connection!.chdb) : null
}

function embeddedInserter(rawInsert: RawInsert): EventInserter {
  return {
    async insert(batch) {
      try {
        await rawInsert({
          table: batch.table,
          values: batch.body,
          format: 'JSONEachRow',
          settings: { ...dedupSettings(batch.token), ...ONE_THREAD },
        })
      } catch (error) {
        throw asClickHouseError(error)
      }
    },
  }
}

/**
 * chDB's insert errors carry the numeric code as `clickhouseCode` and the error name only in the
 * message ("… (CANNOT_PARSE_UUID)"): give them the `code` and `type` a server's errors have, which
 * isDataError (and whoever logs them) reads.
 */
function asClickHouseError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const { clickhouseCode } = error as { clickhouseCode?: unknown }
  const type = /\(([A-Z][A-Z0-9_]+)\)\s*$/.exec(error.message)?.[1]
  return Object.assign(error, {
    ...(typeof clickhouseCode === 'number' ? { code: String(clickhouseCode) } : {}),
    ...(type ? { type } : {}),
  })
}

/**
 * ClickHouse refused the data itself (not the connection): retrying the same bytes cannot help.
 * Recognized by the error type ClickHouse names (CANNOT_PARSE_UUID, CANNOT_PARSE_NUMBER, …) or
 * its numeric code: 6/26/27 cannot parse, 38/41 dates, 53 type mismatch, 69/70 out of bound /
 * cannot convert, 72 number, 117 incorrect data, 376 UUID.
 */
const DATA_ERROR_CODES = new Set(['6', '26', '27', '38', '41', '53', '69', '70', '72', '117', '376'])
const DATA_ERROR_TYPES =
  /^(CANNOT_PARSE_|CANNOT_READ_ARRAY|INCORRECT_DATA|TYPE_MISMATCH|CANNOT_CONVERT_TYPE|VALUE_IS_OUT_OF_RANGE|CANNOT_INSERT_NULL|INCORRECT_NUMBER_OF_COLUMNS)/

export function isDataError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false
  const { code, type } = error as { code?: unknown; type?: unknown }
  return (
    (typeof type === 'string' && DATA_ERROR_TYPES.test(type)) ||
    (typeof code === 'string' && DATA_ERROR_CODES.has(code))
  )
}
