import { crc32 } from 'node:zlib'

/** The ClickHouse tables the tracker writes; a record names its table with a one-letter tag. */
export type EventTable = 'clicks' | 'events'
export const EVENT_TABLES: readonly EventTable[] = ['clicks', 'events']

const TAG_OF: Record<EventTable, string> = { clicks: 'c', events: 'e' }
const TABLE_OF: Record<string, EventTable> = { c: 'clicks', e: 'events' }
const HEADER = 9 // tag + 8 hex digits of CRC-32

/**
 * One spool record per line: `<tag><crc32 hex><JSONEachRow row>\n`. JSON never holds a raw
 * newline, so a line is a record; the CRC catches a torn or garbled line after a power loss,
 * which is then skipped instead of poisoning the whole batch.
 */
export function encodeRecord(table: EventTable, json: string): string {
  return `${TAG_OF[table]}${crc32(json).toString(16).padStart(8, '0')}${json}\n`
}

const TAG_BYTE: Record<EventTable, number> = { clicks: 0x63, events: 0x65 }
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1')
/** Bytes before a record's JSON: its table tag and CRC. */
export const RECORD_HEADER_BYTES = HEADER

/**
 * Frames a record whose JSON is already in `out` at [start + RECORD_HEADER_BYTES, jsonEnd): writes
 * the tag and the CRC of those bytes before it and the newline after it; returns the line's end.
 */
export function frameRecord(out: Buffer, start: number, table: EventTable, jsonEnd: number): number {
  out[start] = TAG_BYTE[table]
  let crc = crc32(out.subarray(start + HEADER, jsonEnd))
  for (let k = 8; k >= 1; k--) {
    out[start + k] = HEX_DIGITS[crc & 15]!
    crc >>>= 4
  }
  out[jsonEnd] = 0x0a
  return jsonEnd + 1
}

/**
 * The same lines as encodeRecord, for many records in one buffer (one write system call); each
 * line's CRC is computed over its own UTF-8 bytes, already in the buffer (no second encoding).
 */
export function encodeRecords(
  tables: readonly EventTable[],
  jsons: readonly string[],
  scratch?: { buffer: Buffer },
): Buffer {
  let bound = 0
  for (const json of jsons) bound += json.length * 3 + HEADER + 1
  // Reusing one scratch buffer (the caller writes synchronously) spares an external allocation,
  // and the garbage collection it provokes, per batch.
  let out: Buffer
  if (scratch) {
    if (scratch.buffer.length < bound)
      scratch.buffer = Buffer.allocUnsafe(Math.max(bound, 2 * scratch.buffer.length))
    out = scratch.buffer
  } else out = Buffer.allocUnsafe(bound)
  let pos = 0
  for (let i = 0; i < jsons.length; i++) {
    const start = pos + HEADER
    pos = frameRecord(out, pos, tables[i]!, start + out.write(jsons[i]!, start, 'utf8'))
  }
  return out.subarray(0, pos)
}

export interface DecodedSegment {
  /** JSONEachRow lines per table, in spool order. */
  rows: Record<EventTable, string[]>
  /** Lines whose CRC or framing did not check out. */
  corrupt: number
}

export function decodeSegment(text: string): DecodedSegment {
  const decoded: DecodedSegment = { rows: { clicks: [], events: [] }, corrupt: 0 }
  decodeLines(text, 0, text.length, decoded)
  return decoded
}

/** A segment's valid records as byte ranges of its buffer: [start, end) of `<json>\n`, per table. */
export interface ScannedSegment {
  ranges: Record<EventTable, number[]>
  corrupt: number
}

const TABLE_OF_BYTE: Record<number, EventTable> = { 99: 'clicks', 101: 'events' }

/**
 * decodeSegment for the sender, on the file's bytes: no string per line and no copy until the
 * insert body is assembled, which keeps the garbage collector (sharing the thread with the click
 * path in embedded mode) out of the way. Gives the event loop back every `yieldEvery` lines.
 */
export async function scanSegment(data: Buffer, yieldEvery = 20_000): Promise<ScannedSegment> {
  const scanned: ScannedSegment = { ranges: { clicks: [], events: [] }, corrupt: 0 }
  let start = 0
  let lines = 0
  while (start < data.length) {
    let end = data.indexOf(0x0a, start)
    if (end === -1) end = data.length
    if (end > start) {
      const table = TABLE_OF_BYTE[data[start]!]
      const crc = end - start > HEADER ? parseHex8(data, start + 1) : -1
      if (table && crc >= 0 && crc32(data.subarray(start + HEADER, end)) === crc) {
        scanned.ranges[table].push(start + HEADER, Math.min(end + 1, data.length))
      } else scanned.corrupt++
    }
    start = end + 1
    if (++lines % yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  return scanned
}

/** The JSONEachRow body of records [from, to) of one table's ranges, each ending in a newline. */
export function joinRanges(data: Buffer, ranges: readonly number[], from: number, to: number): Buffer {
  const body = Buffer.allocUnsafe(rangesBytes(ranges, from, to))
  return body.subarray(0, copyRanges(data, ranges, from, to, body, 0))
}

/** At most the bytes joinRanges writes for records [from, to) (a newline may be added to the last). */
export function rangesBytes(ranges: readonly number[], from: number, to: number): number {
  let size = 0
  for (let i = from; i < to; i++) size += ranges[2 * i + 1]! - ranges[2 * i]!
  return size + 1
}

/** joinRanges into `out` at `pos`; returns where the body ends. */
export function copyRanges(
  data: Buffer,
  ranges: readonly number[],
  from: number,
  to: number,
  out: Buffer,
  pos: number,
): number {
  for (let i = from; i < to; i++) {
    pos += data.copy(out, pos, ranges[2 * i]!, ranges[2 * i + 1]!)
    if (out[pos - 1] !== 0x0a) out[pos++] = 0x0a // the last line of a file may lack its newline
  }
  return pos
}

function parseHex8(data: Buffer, at: number): number {
  let value = 0
  for (let i = at; i < at + 8; i++) {
    const c = data[i]!
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1
    if (digit < 0) return -1
    value = value * 16 + digit
  }
  return value
}

function decodeLines(text: string, from: number, to: number, decoded: DecodedSegment): void {
  const rows = decoded.rows
  let corrupt = 0
  let start = from
  while (start < to) {
    let end = text.indexOf('\n', start)
    if (end === -1 || end > to) end = to
    if (end > start) {
      const line = text.slice(start, end)
      const table = TABLE_OF[line[0] ?? '']
      const json = line.slice(HEADER)
      const crc = Number.parseInt(line.slice(1, HEADER), 16)
      if (table && line.length > HEADER && crc32(json) === crc) rows[table].push(json)
      else corrupt++
    }
    start = end + 1
  }
  decoded.corrupt += corrupt
}
