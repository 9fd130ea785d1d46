import { hash } from 'node:crypto'
import { copyRanges, EVENT_TABLES, type EventTable, rangesBytes, scanSegment } from './record-codec.ts'

/** One insert: up to batchRows rows of one table of one segment, with its deduplication token. */
export interface SegmentChunk {
  table: EventTable
  /** The chunk's number within its table in this segment (0, 1, …). */
  index: number
  rows: number
  /** JSONEachRow: one JSON object per line, UTF-8. */
  body: Buffer
  token: string
}

export interface PreparedSegment {
  /** Lines whose CRC or framing did not check out (skipped). */
  corrupt: number
  chunks: SegmentChunk[]
  /** The memory every chunk body is a slice of: the caller's arena, or one new buffer. */
  memory: Buffer
}

/**
 * Cuts a sealed segment's bytes into its inserts: valid records per table, in spool order, in
 * chunks of batchRows rows. Deterministic: the same bytes give the same chunks and tokens on
 * every replay, in any thread (this runs in the sender's worker thread; see segment-worker.ts).
 * The bodies are written one after the other into `arena` when they fit (the worker's memory
 * shared with the main thread), else into one new buffer.
 */
export async function prepareSegment(
  data: Buffer,
  spoolId: string,
  seq: number,
  batchRows: number,
  arena?: Buffer,
): Promise<PreparedSegment> {
  const scanned = await scanSegment(data)
  let size = 0
  for (const table of EVENT_TABLES)
    size += rangesBytes(scanned.ranges[table], 0, scanned.ranges[table].length / 2)
  const memory = arena && arena.length >= size ? arena : Buffer.allocUnsafeSlow(size)
  const chunks: SegmentChunk[] = []
  let pos = 0
  for (const table of EVENT_TABLES) {
    const ranges = scanned.ranges[table]
    const rows = ranges.length / 2
    for (let start = 0, index = 0; start < rows; start += batchRows, index++) {
      const end = Math.min(rows, start + batchRows)
      const from = pos
      pos = copyRanges(data, ranges, start, end, memory, pos)
      const body = memory.subarray(from, pos)
      const token = batchToken(chunkPosition(spoolId, seq, table, index), body)
      chunks.push({ table, index, rows: end - start, body, token })
    }
  }
  return { corrupt: scanned.corrupt, chunks, memory }
}

/** Where a chunk sits: `<spool id>:<segment>:<table>:<chunk>`, the first half of its token. */
export function chunkPosition(spoolId: string, seq: number, table: EventTable, index: number): string {
  return `${spoolId}:${seq}:${table}:${index}`
}

/**
 * The deduplication token of one chunk: its position, and a hash of its bytes. The position alone
 * is not enough: were a segment number ever reused (a lost next-seq file, a copied spool
 * directory), new rows would carry an old token and ClickHouse would drop them as a retry.
 */
export function batchToken(position: string, body: Buffer): string {
  return `${position}:${hash('sha256', body, 'base64url')}`
}
