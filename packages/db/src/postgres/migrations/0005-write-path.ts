import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * The one write path (issue 7):
 * - rule_set_versions: every change of a program's commission rules is a new version holding the
 *   whole rule set as core reads it; a conversion is priced by the version in force when it
 *   occurred, and records which (conversions.rule_set_version). commission_rules keeps one row per
 *   rule identity (commissions.rule_id references it); existing rules become version 1;
 * - postback token / HMAC secret rotation: the previous value stays valid until its expiry;
 * - api_keys.scopes: what a key may do (conversions:write, refunds:write, read);
 * - invitations: a person invited to a portal sets a password from a one-time link (the token is
 *   stored hashed);
 * - partners.payout_hold_reason: a manager's hold on a partner's payouts (core's manual_hold);
 * - programs.payout_fees: core PayoutFee[] per method; payout_batches.program_id: a batch pays one
 *   program's balances (its currency, threshold and fees).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
create table rule_set_versions (
  id uuid primary key default gen_random_uuid(),
  program_id uuid not null references programs(id),
  version integer not null check (version > 0),
  rules jsonb not null,
  effective_from timestamptz not null,
  note text,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (program_id, version)
);
create index rule_set_versions_effective_idx on rule_set_versions (program_id, effective_from desc, version desc);

insert into rule_set_versions (program_id, version, rules, effective_from, note)
select p.id, 1,
  coalesce((
    select jsonb_agg(
      r.rule || jsonb_build_object('id', r.id, 'name', r.name)
        || case when r.partner_id is not null then jsonb_build_object('scope', jsonb_build_object('partnerIds', jsonb_build_array(r.partner_id)))
                when r.group_id is not null then jsonb_build_object('scope', jsonb_build_object('groupIds', jsonb_build_array(r.group_id)))
                else '{}'::jsonb end
      order by r.created_at, r.id)
    from commission_rules r where r.program_id = p.id and r.active
  ), '[]'::jsonb),
  'epoch'::timestamptz, 'rules as they were before versioning'
from programs p;

alter table conversions add column rule_set_version integer;

alter table programs
  add column postback_token_previous text,
  add column postback_hmac_secret_previous text,
  add column postback_previous_expires_at timestamptz;

alter table api_keys
  add column scopes text[] not null default '{conversions:write,refunds:write}';

create table invitations (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('admin', 'partner')),
  email text not null,
  name text not null,
  admin_role text check (admin_role in ('owner', 'manager', 'viewer')),
  partner_id uuid references partners(id),
  token_hash text not null unique,
  invited_by uuid references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  check ((kind = 'admin') = (admin_role is not null)),
  check ((kind = 'partner') = (partner_id is not null))
);
create index invitations_email_idx on invitations (lower(email));

alter table partners add column payout_hold_reason text;

alter table programs add column payout_fees jsonb not null default '[]';
alter table payout_batches add column program_id uuid references programs(id);
create index payout_batches_program_idx on payout_batches (program_id, created_at);
`,
  )
}
