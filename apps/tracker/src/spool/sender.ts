import { type EventInserter, isDataError } from './inserter.ts'
import { chunkPosition } from './segment-chunks.ts'
import { inThreadPreparer, type SegmentPreparer, WorkerPreparer } from './segment-preparer.ts'
import type { SealedSegment, Spool } from './spool.ts'

export { batchToken } from './segment-chunks.ts'

export interface SenderMetrics {
  sent(table: string, rows: number): void
  retried(): void
  corrupt(records: number): void
  quarantined(): void
}

export interface SenderOptions {
  spool: Spool
  inserter: EventInserter
  /** Rows per insert; a segment's chunks are cut the same way on every replay (stable tokens). */
  batchRows?: number
  /** Backoff after a failed insert: initial, doubling, capped, with jitter. */
  retryInitialMs?: number
  retryMaxMs?: number
  /** A segment refused as data (parse errors) this many times in a row is moved to dead/. */
  maxDataErrors?: number
  metrics?: SenderMetrics
  log?: (line: string) => void
  /**
   * true (default): segments are read, checked and cut into inserts in a worker thread, off the
   * event loop that answers clicks; false: on the calling thread.
   */
  workerThread?: boolean
}

/**
 * Drains sealed spool segments into ClickHouse, oldest first. Every chunk carries a token that
 * names its position (spool id, segment, table, chunk index) and its content (a hash of the
 * chunk's bytes), so a retry after a lost acknowledgement, or a replay after a crash, is dropped
 * by ClickHouse instead of counted twice, while a different chunk can never be mistaken for one
 * already stored. A segment is deleted only after every chunk was acknowledged.
 */
export class Sender {
  private running = false
  private loop: Promise<void> | null = null
  private wake: (() => void) | null = null
  private failures = 0
  private dataErrors = new Map<number, number>()
  /** Tokens acknowledged in this process for segments not deleted yet: no need to send them again. */
  private acked = new Set<string>()
  private readonly batchRows: number
  private readonly preparer: SegmentPreparer

  constructor(private readonly options: SenderOptions) {
    this.batchRows = options.batchRows ?? 100_000
    this.preparer = options.workerThread === false ? inThreadPreparer : new WorkerPreparer(options.log)
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.loop = this.run()
  }

  /** A segment was sealed: send now instead of at the next poll. */
  notify(): void {
    this.wake?.()
  }

  /** True while the last attempt failed and the sender is backing off. */
  get failing(): boolean {
    return this.failures > 0
  }

  /**
   * Sends everything sealed so far, retrying until `deadline`. Resolves true when the spool is
   * empty, false when time ran out (what is left stays on disk and is replayed at the next start).
   */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    const wasRunning = this.running
    await this.stop()
    try {
      while (Date.now() < deadline) {
        const segments = this.options.spool.sealedSegments()
        if (segments.length === 0) return true
        for (const segment of segments) {
          if (!(await this.trySend(segment))) {
            await sleep(Math.min(this.backoffMs(), Math.max(0, deadline - Date.now())))
            break
          }
        }
      }
      return this.options.spool.sealedSegments().length === 0
    } finally {
      if (wasRunning) this.start()
    }
  }

  async stop(): Promise<void> {
    this.running = false
    this.wake?.()
    await this.loop
    this.loop = null
  }

  /** Stops, and ends the worker thread (a later send starts a new one). */
  async close(): Promise<void> {
    await this.stop()
    await this.preparer.close()
  }

  private async run(): Promise<void> {
    while (this.running) {
      const segments = this.options.spool.sealedSegments()
      if (segments.length === 0) {
        await this.idle(1000)
        continue
      }
      for (const segment of segments) {
        if (!this.running) break
        if (!(await this.trySend(segment))) {
          await this.idle(this.backoffMs())
          break
        }
      }
    }
  }

  /** Sends one segment; false when ClickHouse failed (the caller backs off and retries). */
  private async trySend(segment: SealedSegment): Promise<boolean> {
    const { spool, metrics, log } = this.options
    try {
      await this.send(segment)
      spool.deleteSegment(segment)
      this.failures = 0
      this.dataErrors.delete(segment.seq)
      return true
    } catch (error) {
      this.failures++
      metrics?.retried()
      if (isDataError(error)) {
        const count = (this.dataErrors.get(segment.seq) ?? 0) + 1
        this.dataErrors.set(segment.seq, count)
        if (count >= (this.options.maxDataErrors ?? 3)) {
          log?.(
            `spool: ClickHouse refuses segment ${segment.name} as data; moved to dead/: ${message(error)}`,
          )
          spool.quarantineSegment(segment)
          this.dataErrors.delete(segment.seq)
          metrics?.quarantined()
          return true
        }
      }
      if (this.failures === 1 || this.failures % 20 === 0) {
        log?.(`spool: sending ${segment.name} failed (attempt ${this.failures}), retrying: ${message(error)}`)
      }
      return false
    }
  }

  private async send(segment: SealedSegment): Promise<void> {
    const { spool, inserter, metrics } = this.options
    const prepared = await this.preparer.prepare(
      spool.segmentPath(segment),
      spool.id,
      segment.seq,
      this.batchRows,
    )
    if (prepared.corrupt > 0 && !this.acked.has(`${segment.seq}:corrupt`)) {
      metrics?.corrupt(prepared.corrupt)
      this.acked.add(`${segment.seq}:corrupt`)
    }
    for (const chunk of prepared.chunks) {
      const position = chunkPosition(spool.id, segment.seq, chunk.table, chunk.index)
      if (this.acked.has(position)) continue
      await inserter.insert({ table: chunk.table, body: chunk.body, rows: chunk.rows, token: chunk.token })
      this.acked.add(position)
      metrics?.sent(chunk.table, chunk.rows)
    }
    for (const key of [...this.acked])
      if (key.startsWith(`${spool.id}:${segment.seq}:`)) this.acked.delete(key)
    this.acked.delete(`${segment.seq}:corrupt`)
  }

  private backoffMs(): number {
    const initial = this.options.retryInitialMs ?? 100
    const max = this.options.retryMaxMs ?? 5000
    const base = Math.min(max, initial * 2 ** Math.min(this.failures - 1, 16))
    return base / 2 + Math.random() * (base / 2)
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error)
}
