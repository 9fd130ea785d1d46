/** Rows of the ClickHouse event tables (clickhouse/migrations/0001-events.sql), as written by the tracker and the seed. */

/** A row of `clicks`. */
export interface ClickRow {
  event_id: string
  /** Milliseconds since the epoch (DateTime64(3) reads an integer as milliseconds). */
  ts: number
  click_id: string
  program_id: string
  partner_id: string
  link_id: number
  visitor_hash: string
  ip_hash: string
  country: string
  device: string
  user_agent: string
  referer: string
  sub1: string
  sub2: string
  sub3: string
  sub4: string
  sub5: string
  utm_source: string
  utm_medium: string
  utm_campaign: string
  is_unique: 0 | 1
  is_bot: 0 | 1
  fraud_score: number
  fraud_flags: string[]
}

export type EventType = 'impression' | 'conversion' | 'status' | 'refund'

/** A row of ClickHouse `events`: pixel hits and conversion events (created, status changes, refunds). */
export interface EventRow {
  event_id: string
  ts: number
  type: EventType
  program_id: string
  partner_id: string
  link_id: number
  click_id: string
  conversion_id: string
  order_id: string
  event_name: string
  status: string
  /** Negative for refunds. */
  amount_minor: number
  commission_minor: number
  currency: string
  visitor_hash: string
  ip_hash: string
  user_agent: string
  referer: string
  sub1: string
  sub2: string
  sub3: string
  sub4: string
  sub5: string
  is_bot: 0 | 1
  fraud_score: number
  fraud_flags: string[]
}

export const NIL_UUID = '00000000-0000-0000-0000-000000000000'

export type SubIds = Pick<ClickRow, 'sub1' | 'sub2' | 'sub3' | 'sub4' | 'sub5'>

export function emptyEventRow(): Omit<EventRow, 'event_id' | 'ts' | 'type' | 'program_id'> {
  return {
    partner_id: NIL_UUID,
    link_id: 0,
    click_id: '',
    conversion_id: '',
    order_id: '',
    event_name: '',
    status: '',
    amount_minor: 0,
    commission_minor: 0,
    currency: '',
    visitor_hash: '',
    ip_hash: '',
    user_agent: '',
    referer: '',
    sub1: '',
    sub2: '',
    sub3: '',
    sub4: '',
    sub5: '',
    is_bot: 0,
    fraud_score: 0,
    fraud_flags: [],
  }
}
