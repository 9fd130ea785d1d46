import {
  claimEventBatch,
  type Database,
  deleteEventBatch,
  type EventBatch,
  insertEventRows,
  type Stores,
  unfinishedEventBatches,
} from '@tandem/db'
import type { Kysely } from 'kysely'

export interface RelayOptions {
  db: Kysely<Database>
  ch: Stores['ch']
  /** Rows per ClickHouse insert. */
  batchRows?: number
  /** How often to look for new rows when idle. */
  pollMs?: number
  /** A batch claimed this long ago and still there was left by a relay that stopped: send it again. */
  staleAfterMs?: number
  log?: (line: string) => void
}

/**
 * Moves the conversion events that commands queued in Postgres (event_outbox, written in the
 * transaction of the change they record) into ClickHouse, exactly once: a batch's rows are fixed
 * when it is claimed, it is sent with the token `event-outbox:<batch id>`, and deleted only after
 * ClickHouse acknowledged it. A relay that dies mid-batch leaves the batch claimed; whoever finds
 * it later sends the same rows with the same token, which ClickHouse drops if it has them. Any
 * number of relays may run (trackers, workers): claims skip each other's locked rows.
 */
export class ClickHouseEventRelay {
  private running = false
  private loop: Promise<void> | null = null
  private wake: (() => void) | null = null
  private failures = 0

  constructor(private readonly options: RelayOptions) {}

  start(): void {
    if (this.running) return
    this.running = true
    this.loop = this.run()
  }

  /** New rows were queued: relay now rather than at the next poll. */
  notify(): void {
    this.wake?.()
  }

  async stop(): Promise<void> {
    this.running = false
    this.wake?.()
    await this.loop
    this.loop = null
  }

  /** Relays everything queued so far (tests, shutdown); returns the number of rows sent. */
  async drain(): Promise<number> {
    let sent = await this.resendStale(new Date(Date.now() + 1))
    for (;;) {
      const batch = await claimEventBatch(this.options.db, this.options.batchRows ?? 10_000, new Date())
      if (!batch) return sent
      await this.send(batch)
      sent += batch.rows.length
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let busy = false
      try {
        const stale = new Date(Date.now() - (this.options.staleAfterMs ?? 30_000))
        busy = (await this.resendStale(stale)) > 0
        const batch = await claimEventBatch(this.options.db, this.options.batchRows ?? 10_000, new Date())
        if (batch) {
          await this.send(batch)
          busy = true
        }
        this.failures = 0
      } catch (error) {
        this.failures++
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.options.log?.(
            `event relay: ${error instanceof Error ? error.message : String(error)} (retrying)`,
          )
        }
      }
      if (!busy)
        await this.idle(
          this.failures > 0 ? Math.min(5_000, 100 * 2 ** this.failures) : (this.options.pollMs ?? 500),
        )
    }
  }

  private async resendStale(before: Date): Promise<number> {
    let sent = 0
    for (const batch of await unfinishedEventBatches(this.options.db, before)) {
      await this.send(batch)
      sent += batch.rows.length
    }
    return sent
  }

  private async send(batch: EventBatch): Promise<void> {
    await insertEventRows(this.options.ch, batch.rows, `event-outbox:${batch.batchId}`)
    await deleteEventBatch(this.options.db, batch.batchId)
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.wake = () => {
        this.wake = null
        done()
      }
    })
  }
}
