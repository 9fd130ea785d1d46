import type { EventInserter, InsertBatch } from '../src/spool/inserter.ts'

/**
 * A fault-injecting wrapper around the real ClickHouse inserter (chDB cannot be stopped from
 * outside): 'down' fails before the insert, 'ack-lost' stores the batch and then fails, as when
 * the connection drops after ClickHouse committed; 'up' passes through.
 */
export class FlakyInserter implements EventInserter {
  mode: 'up' | 'down' | 'ack-lost' = 'up'
  failures = 0
  calls = 0

  constructor(private readonly real: EventInserter) {}

  async insert(batch: InsertBatch): Promise<void> {
    this.calls++
    if (this.mode === 'down') {
      this.failures++
      throw Object.assign(new Error('injected: ClickHouse is unreachable'), { code: 'ECONNREFUSED' })
    }
    await this.real.insert(batch)
    if (this.mode === 'ack-lost') {
      this.failures++
      throw Object.assign(new Error('injected: connection reset before the acknowledgement'), {
        code: 'ECONNRESET',
      })
    }
  }
}

/** Polls until `check` returns true; the test's own timeout bounds it (no wall-clock assertion). */
export async function eventually(check: () => boolean | Promise<boolean>, pauseMs = 50): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, pauseMs))
}
