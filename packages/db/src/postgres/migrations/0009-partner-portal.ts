import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * The partner portal (issue 9):
 * - emails: every email Tandem sends (invitations, password resets, applications, friend
 *   invitations), queued in the transaction of the change that causes it and delivered by the job
 *   runner; the row stays as the log of what was sent. `secret` holds a one-time link's path until
 *   the email is delivered (then it is erased).
 * - password_resets: one-time reset links (sha256 of the token), valid for an hour.
 * - links.params: the sub-ids and UTM fields a partner saved with a link (its tracking URL carries them).
 * - programs: the public join page (description, terms, whether applications are reviewed,
 *   approved at once or closed) and the opt-in leaderboard of a referral program.
 * - program_enrollments.application: what an applicant told us (website, how they promote).
 * - partner_profiles: a partner's legal name and address, tax details, notification preferences
 *   and the name shown on leaderboards (null: not shown).
 * - friend_invitations: an ambassador's invitations by email (the address only as a sha256), for
 *   the rate limit and the "already invited" check.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
create table emails (
  id uuid primary key default gen_random_uuid(),
  template text not null,
  to_address text not null,
  to_name text,
  subject text not null,
  params jsonb not null default '{}',
  secret text,
  partner_id uuid references partners(id),
  user_id uuid references users(id),
  program_id uuid references programs(id),
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  transport text,
  message_id text,
  text_body text,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index emails_queued_idx on emails (next_attempt_at) where status = 'queued';
create index emails_created_idx on emails (created_at desc, id desc);
create index emails_partner_idx on emails (partner_id, template, created_at);

create table password_resets (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id),
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_resets_user_idx on password_resets (user_id, created_at);

alter table links add column params jsonb not null default '{}';

alter table programs add column description text;
alter table programs add column terms text;
alter table programs add column applications text not null default 'review'
  check (applications in ('review', 'auto', 'closed'));
alter table programs add column leaderboard boolean not null default false;

alter table program_enrollments add column application jsonb;

create table partner_profiles (
  partner_id uuid primary key references partners(id),
  legal_name text,
  address jsonb,
  tax jsonb,
  notifications jsonb not null default '{}',
  leaderboard_name text,
  updated_at timestamptz not null default now()
);

create table friend_invitations (
  id uuid primary key default gen_random_uuid(),
  program_id uuid not null references programs(id),
  partner_id uuid not null references partners(id),
  email_hash text not null,
  email_id uuid references emails(id),
  created_at timestamptz not null default now()
);
create index friend_invitations_partner_idx on friend_invitations (partner_id, created_at);
create index friend_invitations_email_idx on friend_invitations (program_id, email_hash);
`,
  )
}
