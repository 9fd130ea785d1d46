import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * Tracker safety settings (issue 12) and pixel conversions that an authenticated one supersedes:
 * - programs.pixel_conversions: 'on' (the snippet records pending conversions, reviewed), 'confirm'
 *   (they earn nothing until the merchant's server sends the same order) or 'off' (refused);
 * - programs.max_conversion_amount_minor: the largest amount one conversion may carry, in the
 *   program's currency (null: the tracker's global ceiling of 10^11 minor units);
 * - programs.rejected_clicks: a conversion whose click ids were all refused (forged, of another
 *   program, expired) is kept unattributed, or refused;
 * - programs.deep_link_subdomains: ?url= deep links go to the exact allowed_domains hosts only,
 *   unless this is on;
 * - conversions.superseded_by: the conversion that replaced this one (a client-side conversion
 *   replaced by the merchant's authenticated one). One live conversion per order: the unique key
 *   becomes a partial index over rows not superseded. The reference is deferred, so the old row
 *   is marked and the new one inserted in the same transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
alter table programs
  add column pixel_conversions text not null default 'on' check (pixel_conversions in ('off', 'on', 'confirm')),
  add column max_conversion_amount_minor bigint
    check (max_conversion_amount_minor is null or (max_conversion_amount_minor > 0 and max_conversion_amount_minor <= 100000000000)),
  add column rejected_clicks text not null default 'keep_unattributed' check (rejected_clicks in ('keep_unattributed', 'refuse')),
  add column deep_link_subdomains boolean not null default false;

alter table conversions
  add column superseded_by uuid references conversions(id) deferrable initially deferred;

alter table conversions drop constraint conversions_program_id_event_order_id_key;

create unique index conversions_live_order_key on conversions (program_id, event, order_id)
  where superseded_by is null;
`,
  )
}
