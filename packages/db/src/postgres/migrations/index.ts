import type { Migration } from 'kysely/migration'
import * as m0001 from './0001-initial.ts'
import * as m0002 from './0002-tracker.ts'
import * as m0003 from './0003-tracker-safety.ts'
import * as m0004 from './0004-jobs-webhooks.ts'
import * as m0005 from './0005-write-path.ts'
import * as m0006 from './0006-login-attempts.ts'
import * as m0007 from './0007-payout-schedule.ts'
import * as m0008 from './0008-postback-replays.ts'
import * as m0009 from './0009-partner-portal.ts'

/** Forward-only, numbered. Append new migrations; never edit one that has shipped. */
export const postgresMigrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-tracker': m0002,
  '0003-tracker-safety': m0003,
  '0004-jobs-webhooks': m0004,
  '0005-write-path': m0005,
  '0006-login-attempts': m0006,
  '0007-payout-schedule': m0007,
  '0008-postback-replays': m0008,
  '0009-partner-portal': m0009,
}
