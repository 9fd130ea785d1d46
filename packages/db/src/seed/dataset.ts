import type { Insertable } from 'kysely'
import type { ClickRow, EventRow } from '../clickhouse/rows.ts'
import type { Database } from '../postgres/schema.ts'

type Rows<T extends keyof Database> = Insertable<Database[T]>[]

export type { EventRow }

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
