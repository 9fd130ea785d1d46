import type { Stores } from '@tandem/db'
import { ClickHouseEventRelay } from '@tandem/services'
import { DAY_MS } from '../scenario/context.ts'
import type { Random } from '../scenario/random.ts'
import type { Scenario } from '../scenario/scenario.ts'
import { scheduleConversions } from './conversions.ts'
import { schedulePayoutRun } from './payouts.ts'
import { Replay } from './replay-context.ts'
import { runTimeline } from './run-timeline.ts'
import { SeedClickVerifier, writeClicks } from './seed-clicks.ts'
import { scheduleSetup } from './setup.ts'
import { RANK } from './timeline.ts'

/**
 * Replays the scenario through @tandem/services in time order, each command with a clock standing
 * at the moment it happens, then relays the conversion events the commands queued into ClickHouse.
 * The clicks (the seed's own, like the tracker's) go to ClickHouse alongside, once every link exists.
 */
export async function replayScenario(
  stores: Stores,
  scenario: Scenario,
  o: { nowMs: number; seedKey: string; rng: Random; log: (line: string) => void; concurrency: number },
): Promise<void> {
  const r = new Replay(stores.db, o.nowMs, o.log)
  scheduleSetup(r, scenario)
  const verifier = new SeedClickVerifier(scenario.clicks, r.ids)
  const conversions = scheduleConversions(
    r,
    scenario.conversions,
    scenario.partners,
    verifier,
    o.rng.fork('outcomes'),
  )
  const payouts = schedulePayoutRun(r, scenario.payoutAt)

  // ClickHouse takes the clicks while Postgres replays the orders (chDB inserts on its own threads).
  let clicks: Promise<void> | null = null
  const lastLinkAt = Math.max(...scenario.partners.flatMap((p) => p.links.map((l) => l.createdAt.getTime())))
  r.timeline.add({
    at: lastLinkAt,
    rank: RANK.payout + 1,
    run: async () => {
      clicks = writeClicks(stores.ch, scenario.clicks, r.ids, o.seedKey, o.log)
      // Awaited below; this only keeps an early failure from counting as unhandled meanwhile.
      clicks.catch(() => {})
    },
  })

  // On a server, independent commands overlap their round trips. Embedded PGlite has one
  // connection that Kysely's driver shares: a query of one command would run inside another's
  // transaction, so there every command runs alone.
  const parallel = stores.pglite ? 1 : o.concurrency
  let day = -1
  try {
    await runTimeline(r.timeline, o.nowMs, parallel, (step) => {
      const today = Math.floor((o.nowMs - step.at) / DAY_MS)
      if (today % 10 === 0 && today !== day && conversions.recorded > 0) {
        o.log(`replay: ${today} days ago, ${conversions.recorded} conversions recorded`)
      }
      day = today
    })
  } finally {
    // Never leave an insert running behind the caller's back (it may close the stores next).
    await (clicks as Promise<void> | null)?.catch(() => {})
  }
  await clicks
  o.log(
    `conversions ${conversions.recorded} (${conversions.rejectedOnArrival} rejected on arrival), ` +
      `${conversions.changes} changes, ${conversions.approved} approved after their hold, ` +
      `${conversions.referralsSettled} referral settlements`,
  )
  o.log(
    `payout batches ${payouts.batches}: ${payouts.payouts} payouts, ${payouts.heldBack} partners held back`,
  )
  const relayed = await new ClickHouseEventRelay({ db: stores.db, ch: stores.ch, log: o.log }).drain()
  o.log(`clickhouse events ${relayed} (relayed from the event outbox)`)
}
