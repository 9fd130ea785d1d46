import { createHash } from 'node:crypto'
import { listPrograms, type Stores } from '@tandem/db'
import { ConflictError } from '@tandem/services'
import { replayScenario } from './replay/replay.ts'
import type { SeedContext } from './scenario/context.ts'
import { Random } from './scenario/random.ts'
import { buildScenario } from './scenario/scenario.ts'
import { readSeedSummary, type SeedSummary } from './summary.ts'

export interface SeedOptions {
  /** The history ends at this instant: the same `now` (and scale) tells the same story. */
  readonly now: Date
  /** Progress lines ("clicks 100000/200000"). */
  readonly log?: (line: string) => void
  /** 1 = the full demo (~50 partners, ~200k clicks, ~3k conversions); tests use e.g. 0.05. */
  readonly scale?: number
  /**
   * How many independent commands may run at once on a Postgres server (default 4: on a 2-core
   * machine that also runs the server, more only adds contention); embedded PGlite always runs
   * one at a time. The data is the same either way.
   */
  readonly concurrency?: number
}

/** True when the stores already hold programs (seeded, or in real use): the seed then does nothing. */
export async function isSeeded(stores: Pick<Stores, 'db'>): Promise<boolean> {
  return (await listPrograms(stores.db)).length > 0
}

/**
 * Fills empty stores with a demo: two programs, ~50 partners, logins for every DEMO_LOGINS entry,
 * links, coupons, ~200k clicks, ~3k conversions with their ledger, referral rewards and a paid
 * payout batch. The story is generated from a PRNG seeded by `now` and `scale`; everything it
 * writes to Postgres goes through @tandem/services with a clock at the moment it happens, so core
 * decides attribution, commissions, lifecycle, reversals, rewards and payouts as in production.
 * The same `now` and scale give the same business data; ids and secrets the services generate
 * (UUIDs, postback tokens, invitation tokens) differ. Stores that hold programs are left alone.
 */
export async function seedDemo(stores: Stores, options: SeedOptions): Promise<SeedSummary> {
  const log = options.log ?? (() => {})
  const scale = options.scale ?? 1
  if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    throw new RangeError(`seedDemo: now must be a valid Date, got ${String(options.now)}`)
  }
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
    throw new RangeError(`seedDemo: scale must be a number in (0, 10], got ${String(scale)}`)
  }
  const concurrency = options.concurrency ?? 4
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    throw new RangeError(
      `seedDemo: concurrency must be a whole number in [1, 32], got ${String(concurrency)}`,
    )
  }
  if (await isSeeded(stores)) {
    log('already seeded: nothing to do')
    return readSeedSummary(stores, null)
  }
  const now = new Date(options.now.getTime())
  const seedKey = createHash('sha256')
    .update(`tandem-demo:v2:${now.toISOString()}:${scale}`)
    .digest('hex')
    .slice(0, 16)
  const ctx: SeedContext = { now, nowMs: now.getTime(), scale, rng: Random.from(seedKey), log }
  const scenario = buildScenario(ctx)
  try {
    await replayScenario(stores, scenario, { nowMs: ctx.nowMs, seedKey, rng: ctx.rng, log, concurrency })
  } catch (error) {
    // Two seeders on one database: the first to create the owner's login wins, the other stops.
    if (error instanceof ConflictError && (await isSeeded(stores))) {
      log('another seeder got there first: nothing more written')
      return readSeedSummary(stores, null)
    }
    throw new Error(
      'demo seed stopped midway; the stores hold part of a demo now: seed again into empty stores ' +
        '(delete the data directory, or use a fresh database)',
      { cause: error },
    )
  }
  const summary = await readSeedSummary(stores, { now, scale })
  log(
    `seeded: ${summary.partners} partners, ${summary.clicks} clicks, ${summary.conversions} conversions, ${summary.commissions} ledger rows`,
  )
  return summary
}
