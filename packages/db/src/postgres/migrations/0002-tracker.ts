import { type Kysely, sql } from 'kysely'

/**
 * Tracker support:
 * - change notifications: the tracker caches links in process; a trigger NOTIFYs
 *   `tandem_tracker_changes` with the link or program that changed, so every tracker (LISTEN on a
 *   server, pglite.listen in embedded mode) drops the stale entry within milliseconds, whoever
 *   wrote the change (admin API, seed, psql);
 * - conversion_refunds: one row per applied refund, so a retried refund postback or API call is
 *   applied once (core's ConversionLifecycle.appliedRefundIds).
 * Statements run one by one: the trigger function body holds semicolons.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`create or replace function tandem_notify_tracker() returns trigger language plpgsql as $fn$
begin
  if tg_table_name = 'links' then
    if tg_op in ('UPDATE', 'DELETE') then
      perform pg_notify('tandem_tracker_changes', json_build_object('t', 'link', 'code', old.code, 'id', old.id)::text);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      perform pg_notify('tandem_tracker_changes', json_build_object('t', 'link', 'code', new.code, 'id', new.id)::text);
    end if;
  elsif tg_op = 'DELETE' then
    perform pg_notify('tandem_tracker_changes', json_build_object('t', 'program', 'id', old.id)::text);
  else
    perform pg_notify('tandem_tracker_changes', json_build_object('t', 'program', 'id', new.id)::text);
  end if;
  return null;
end
$fn$`)
    .execute(db)
  await sql
    .raw(`create trigger links_notify_tracker after insert or update or delete on links
      for each row execute function tandem_notify_tracker()`)
    .execute(db)
  await sql
    .raw(`create trigger programs_notify_tracker after update or delete on programs
      for each row execute function tandem_notify_tracker()`)
    .execute(db)
  await sql
    .raw(`create table conversion_refunds (
      conversion_id uuid not null references conversions(id),
      refund_id text not null,
      amount_minor bigint not null check (amount_minor > 0),
      currency char(3) not null,
      source text not null check (source in ('postback', 'api', 'snippet', 'admin', 'seed')),
      created_at timestamptz not null default now(),
      primary key (conversion_id, refund_id)
    )`)
    .execute(db)
}
