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

export interface DecodedSegment {
  /** JSONEachRow lines per table, in spool order. */
  rows: Record<EventTable, string[]>
  /** Lines whose CRC or framing did not check out. */
  corrupt: number
}

export function decodeSegment(text: string): DecodedSegment {
  const rows: Record<EventTable, string[]> = { clicks: [], events: [] }
  let corrupt = 0
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
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
  return { rows, corrupt }
}
