import type { Insertable } from 'kysely'
import type { Database } from '../postgres/schema.ts'
import type { ClickRow } from './traffic.ts'

type Rows<T extends keyof Database> = Insertable<Database[T]>[]

/** One row of the ClickHouse `events` table (columns as in clickhouse/migrations/0001-events.sql). */
export interface EventRow {
  event_id: string
  ts: number
  type: 'conversion' | 'status' | 'refund'
  program_id: string
  partner_id: string
  link_id: number
  click_id: string
  conversion_id: string
  order_id: string
  event_name: string
  status: string
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
  is_bot: number
  fraud_score: number
  fraud_flags: string[]
}

/** Everything the seed writes, in insert order for Postgres (parents before children). */
export interface DemoDataset {
  readonly postgres: {
    readonly programs: Rows<'programs'>
    readonly partner_groups: Rows<'partner_groups'>
    readonly partners: Rows<'partners'>
    readonly users: Rows<'users'>
    readonly program_enrollments: Rows<'program_enrollments'>
    readonly commission_rules: Rows<'commission_rules'>
    readonly links: Rows<'links'>
    readonly coupons: Rows<'coupons'>
    readonly customers: Rows<'customers'>
    readonly conversions: Rows<'conversions'>
    readonly commissions: Rows<'commissions'>
    readonly referral_rewards: Rows<'referral_rewards'>
    readonly payout_batches: Rows<'payout_batches'>
    readonly payouts: Rows<'payouts'>
    readonly payout_items: Rows<'payout_items'>
    readonly audit_log: Rows<'audit_log'>
  }
  readonly clickhouse: {
    readonly clicks: ClickRow[]
    readonly events: EventRow[]
  }
}

export type PostgresTableName = keyof DemoDataset['postgres']
