import type { Kysely } from 'kysely'
import { runStatements } from './run-statements.ts'

/**
 * Login attempts (issue 11): the portals' login limiter, shared by every portal replica.
 * One row per limited subject — an account (scope 'account') or a client address ('address') —
 * counting the attempts reserved in the current fixed window. The subject is a sha256 of the
 * normalised email or address, so the table names no one. A login reserves its attempt here (one
 * INSERT … ON CONFLICT DO UPDATE … RETURNING, so parallel requests each see their own count)
 * before any password is checked; a successful login gives its reservation back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
create table login_attempts (
  scope text not null check (scope in ('account', 'address')),
  subject text not null,
  window_start timestamptz not null,
  attempts integer not null check (attempts >= 0),
  primary key (scope, subject)
);

create index login_attempts_window_idx on login_attempts (window_start);
`,
  )
}
