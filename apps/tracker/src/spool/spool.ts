import { randomBytes } from 'node:crypto'
import {
  close as closeCallback,
  closeSync,
  fdatasync,
  fdatasyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { type EventTable, encodeRecords, frameRecord, RECORD_HEADER_BYTES } from './record-codec.ts'

export interface SpoolOptions {
  dir: string
  /**
   * 'write': each record is written to the segment file (the OS page cache) before append returns,
   * so a crashed or killed process loses nothing; the file is fsynced in groups every
   * fsyncIntervalMs (a power loss can lose that last interval).
   * 'fsync': append returns a promise that resolves once a group fsync covers the record.
   */
  durability: 'write' | 'fsync'
  fsyncIntervalMs?: number
  /** A segment is sealed (handed to the sender) after this long, or when it reaches maxSegmentBytes. */
  sealIntervalMs: number
  maxSegmentBytes?: number
  /** Called after a segment is sealed and ready to send. */
  onSealed?: () => void
  /** A background seal or fsync failed (the segment stays on disk and is replayed at the next start). */
  onError?: (error: Error) => void
}

/** Writes one record's JSON straight into the spool's batch buffer (see Spool.enqueueWith). */
export interface RecordWriter<T> {
  /** At most this many bytes are written for `data`. */
  maxBytes(data: T): number
  /** Writes the JSON of `data` at `offset` of `buffer`; returns where it ends. */
  write(buffer: Buffer, offset: number, data: T): number
}

/** A JSON string as a record (UTF-8). */
const JSON_TEXT: RecordWriter<string> = {
  maxBytes: (json) => json.length * 3,
  write: (buffer, offset, json) => offset + buffer.write(json, offset, 'utf8'),
}

export interface SealedSegment {
  seq: number
  name: string
  bytes: number
}

interface OpenSegment {
  seq: number
  path: string
  fd: number
  bytes: number
  records: number
  synced: number
  syncing: Promise<void> | null
  waiters: { upTo: number; resolve: () => void; reject: (error: Error) => void }[]
}

const SEQ_DIGITS = 12
const SEGMENT = /^(\d{12})\.(open|seg)$/
/** Segment numbers are reserved on disk in blocks, so a number is never used twice (see seqFloor). */
const SEQ_RESERVE_BLOCK = 4096
const SEQ_FILE = 'next-seq'

/**
 * The local, append-only event spool. The hot path appends one line with a synchronous write
 * (microseconds, no network); sealed segments are immutable files the sender drains into
 * ClickHouse and deletes only after ClickHouse acknowledged them. At start, segments a crash left
 * open are repaired (a torn last line cut off) and sealed, so they are replayed.
 */
export class Spool {
  readonly id: string
  readonly dir: string
  private current: OpenSegment | null = null
  private nextSeq: number
  /** Numbers below this are reserved in the next-seq file; reaching it reserves the next block. */
  private reservedSeq: number
  private sealedBytes = 0
  private sealing: Promise<void> = Promise.resolve()
  private readonly sealTimer: NodeJS.Timeout
  private readonly syncTimer: NodeJS.Timeout | null
  private closed = false
  private readonly maxSegmentBytes: number
  private readonly scratch = { buffer: Buffer.allocUnsafe(256 * 1024) }
  /** Records enqueued in this event-loop turn, framed, ready for one write. */
  private batch = Buffer.allocUnsafe(256 * 1024)
  private batchBytes = 0
  private batchDone: ((error: Error | null, context: unknown) => void)[] = []
  private batchContexts: unknown[] = []
  private batchScheduled = false

  private constructor(
    private readonly options: SpoolOptions,
    id: string,
    nextSeq: number,
    sealedBytes: number,
  ) {
    this.id = id
    this.dir = options.dir
    this.nextSeq = nextSeq
    this.reservedSeq = nextSeq
    this.sealedBytes = sealedBytes
    this.maxSegmentBytes = options.maxSegmentBytes ?? 16 * 1024 * 1024
    this.sealTimer = setInterval(() => void this.seal(), options.sealIntervalMs)
    this.sealTimer.unref()
    this.syncTimer =
      options.durability === 'write'
        ? setInterval(() => this.groupSync(), options.fsyncIntervalMs ?? 100)
        : null
    this.syncTimer?.unref()
  }

  /** Opens (or creates) the spool directory and seals whatever a previous process left open. */
  static open(options: SpoolOptions): Spool {
    mkdirSync(join(options.dir, 'dead'), { recursive: true })
    lockSpool(options.dir)
    const id = readOrCreateSpoolId(options.dir)
    let maxSeq = readSeqFloor(options.dir) - 1
    let sealedBytes = 0
    for (const name of readdirSync(options.dir).sort()) {
      const match = SEGMENT.exec(name)
      if (!match) continue
      const seq = Number(match[1])
      maxSeq = Math.max(maxSeq, seq)
      const path = join(options.dir, name)
      if (match[2] === 'open') sealedBytes += repairOpenSegment(path, path.replace(/\.open$/, '.seg'))
      else sealedBytes += statSync(path).size
    }
    return new Spool(options, id, maxSeq + 1, sealedBytes)
  }

  /**
   * Appends one event (a row of `table`, serialized as JSON). Synchronous: when it returns the
   * record is in the segment file. In 'fsync' durability it returns a promise for the fsync.
   */
  append(table: EventTable, json: string): undefined | Promise<void> {
    if (this.closed) throw new Error('The spool is closed')
    this.flushBatch()
    const segment = this.writeLines(encodeRecords([table], [json], this.scratch), 1)
    if (this.options.durability === 'fsync') return this.waitDurable(segment)
    return undefined
  }

  /**
   * The hot path's append: records arriving in one event-loop turn are written together, with one
   * system call, right after the poll phase (setImmediate); `done` runs once the batch is in the
   * segment file (and fsynced, in 'fsync' durability), so the caller answers only then.
   * `done` gets `context` back: callers pass a module-level function and a plain object rather
   * than a closure per record.
   */
  enqueue<T>(
    table: EventTable,
    json: string,
    done: (error: Error | null, context: T) => void,
    context: T,
  ): void {
    this.enqueueWith(table, JSON_TEXT, json, done, context)
  }

  /**
   * enqueue() for a record `writer` encodes from `data` straight into the batch buffer: the
   * click path's row never exists as a string. The record is framed (tag, CRC) right away.
   */
  enqueueWith<D, T>(
    table: EventTable,
    writer: RecordWriter<D>,
    data: D,
    done: (error: Error | null, context: T) => void,
    context: T,
  ): void {
    if (this.closed) {
      done(new Error('The spool is closed'), context)
      return
    }
    const start = this.batchBytes
    const needed = start + RECORD_HEADER_BYTES + writer.maxBytes(data) + 1
    if (needed > this.batch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(needed, 2 * this.batch.length))
      this.batch.copy(bigger, 0, 0, start)
      this.batch = bigger
    }
    const jsonEnd = writer.write(this.batch, start + RECORD_HEADER_BYTES, data)
    this.batchBytes = frameRecord(this.batch, start, table, jsonEnd)
    this.batchDone.push(done as (error: Error | null, context: unknown) => void)
    this.batchContexts.push(context)
    if (!this.batchScheduled) {
      this.batchScheduled = true
      setImmediate(this.flushBatch)
    }
  }

  private readonly flushBatch = (): void => {
    this.batchScheduled = false
    if (this.batchDone.length === 0) return
    const callbacks = this.batchDone
    const contexts = this.batchContexts
    const bytes = this.batchBytes
    this.batchDone = []
    this.batchContexts = []
    this.batchBytes = 0
    const finish = (error: Error | null) => {
      for (let i = 0; i < callbacks.length; i++) callbacks[i]!(error, contexts[i])
    }
    let segment: OpenSegment
    try {
      // writeSync is done with the buffer when it returns: the next batch reuses it.
      segment = this.writeLines(this.batch.subarray(0, bytes), callbacks.length)
    } catch (error) {
      finish(error as Error)
      return
    }
    if (this.options.durability === 'fsync') this.waitDurable(segment).then(() => finish(null), finish)
    else finish(null)
  }

  /** Writes whole lines to the open segment (opening one if needed); seals it when it is full. */
  private writeLines(lines: Buffer, records: number): OpenSegment {
    const segment = this.current ?? this.openSegment()
    const written = writeSync(segment.fd, lines)
    const expected = lines.length
    if (written !== expected) {
      // A short write (disk full) leaves a torn line: cut it off so the segment stays clean.
      ftruncateSync(segment.fd, segment.bytes)
      throw new Error(`Spool write was short (${written} of ${expected} bytes): is the disk full?`)
    }
    segment.bytes += expected
    segment.records += records
    if (segment.bytes >= this.maxSegmentBytes) void this.seal()
    return segment
  }

  /** Bytes in segments not yet sent (sealed or open). */
  get pendingBytes(): number {
    return this.sealedBytes + (this.current?.bytes ?? 0)
  }

  /** Sealed segments, oldest first. */
  sealedSegments(): SealedSegment[] {
    const out: SealedSegment[] = []
    for (const name of readdirSync(this.dir).sort()) {
      const match = SEGMENT.exec(name)
      if (match?.[2] !== 'seg') continue
      out.push({ seq: Number(match[1]), name, bytes: statSync(join(this.dir, name)).size })
    }
    return out
  }

  readSegment(segment: SealedSegment): Promise<Buffer> {
    return readFile(this.segmentPath(segment))
  }

  segmentPath(segment: SealedSegment): string {
    return join(this.dir, segment.name)
  }

  /** Called by the sender once ClickHouse acknowledged every row of the segment. */
  deleteSegment(segment: SealedSegment): void {
    unlinkSync(join(this.dir, segment.name))
    this.sealedBytes = Math.max(0, this.sealedBytes - segment.bytes)
  }

  /** Moves a segment ClickHouse refuses as data (not as an outage) aside, for a person to inspect. */
  quarantineSegment(segment: SealedSegment): void {
    renameSync(join(this.dir, segment.name), join(this.dir, 'dead', segment.name))
    this.sealedBytes = Math.max(0, this.sealedBytes - segment.bytes)
  }

  /** Seals the open segment (if it holds anything): fsync, close, rename to .seg. */
  seal(): Promise<void> {
    this.flushBatch()
    const segment = this.current
    if (!segment || segment.records === 0) return this.sealing
    this.current = null
    this.sealing = this.sealing.then(() =>
      this.finishSeal(segment).catch((error: Error) => this.options.onError?.(error)),
    )
    return this.sealing
  }

  /** Stops the timers and seals the open segment. */
  async close(): Promise<void> {
    if (this.closed) return this.sealing
    await this.seal()
    this.closed = true
    clearInterval(this.sealTimer)
    if (this.syncTimer) clearInterval(this.syncTimer)
    await this.sealing
    unlockSpool(this.dir)
  }

  private openSegment(): OpenSegment {
    if (this.nextSeq >= this.reservedSeq) {
      this.reservedSeq = this.nextSeq + SEQ_RESERVE_BLOCK
      writeSeqFloor(this.dir, this.reservedSeq)
    }
    const seq = this.nextSeq++
    const path = join(this.dir, `${String(seq).padStart(SEQ_DIGITS, '0')}.open`)
    const fd = openSync(path, 'a')
    this.current = { seq, path, fd, bytes: 0, records: 0, synced: 0, syncing: null, waiters: [] }
    return this.current
  }

  private async finishSeal(segment: OpenSegment): Promise<void> {
    let closed = false
    try {
      await segment.syncing
      await this.syncSegment(segment)
      closed = true
      await close(segment.fd)
      await rename(segment.path, segment.path.replace(/\.open$/, '.seg'))
      this.sealedBytes += segment.bytes
    } catch (error) {
      // The file stays .open: the next start repairs and replays it. Waiters learn of the failure.
      for (const w of segment.waiters.splice(0)) w.reject(error as Error)
      if (!closed) await close(segment.fd).catch(() => {})
      throw error
    }
    this.options.onSealed?.()
  }

  private waitDurable(segment: OpenSegment): Promise<void> {
    const upTo = segment.records
    return new Promise((resolve, reject) => {
      segment.waiters.push({ upTo, resolve, reject })
      if (!segment.syncing) void this.syncSegment(segment).catch(() => {})
    })
  }

  /** Group fsync: one fdatasync covers every record appended before it started. */
  private syncSegment(segment: OpenSegment): Promise<void> {
    if (segment.syncing) return segment.syncing.then(() => this.syncSegment(segment))
    if (segment.synced === segment.records) return Promise.resolve()
    const upTo = segment.records
    segment.syncing = new Promise<void>((resolve, reject) => {
      fdatasync(segment.fd, (error) => {
        segment.syncing = null
        if (error) {
          for (const w of segment.waiters.splice(0)) w.reject(error)
          reject(error)
          return
        }
        segment.synced = upTo
        const still: OpenSegment['waiters'] = []
        for (const w of segment.waiters) {
          if (w.upTo <= upTo) w.resolve()
          else still.push(w)
        }
        segment.waiters = still
        // Records appended while this fsync ran have waiters of their own: start the next group.
        if (still.length > 0) void this.syncSegment(segment).catch(() => {})
        resolve()
      })
    })
    return segment.syncing
  }

  private groupSync(): void {
    const segment = this.current
    if (segment && !segment.syncing && segment.synced < segment.records) {
      void this.syncSegment(segment).catch((error: Error) => this.options.onError?.(error))
    }
  }
}

export class SpoolInUseError extends Error {
  override name = 'SpoolInUseError'
}

/**
 * One process per spool directory: two writers would interleave segment numbers and two senders
 * would race on the same files. A lock file holds the owner's pid; a dead owner's lock is taken
 * over (a crashed tracker must be able to restart on its spool).
 */
function lockSpool(dir: string): void {
  const path = join(dir, 'spool.lock')
  try {
    writeFileSync(path, `${process.pid}\n`, { flag: 'wx' })
    return
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const owner = Number(readFileSync(path, 'utf8').trim())
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
    throw new SpoolInUseError(
      `The spool directory ${dir} is in use by process ${owner}: give each tracker its own`,
    )
  }
  writeFileSync(path, `${process.pid}\n`)
}

function unlockSpool(dir: string): void {
  try {
    unlinkSync(join(dir, 'spool.lock'))
  } catch {}
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The spool's id: random, made once per directory, part of every batch token, so two trackers
 * (two spool directories) never produce the same token. A missing or torn file gets a new id.
 */
function readOrCreateSpoolId(dir: string): string {
  const path = join(dir, 'spool-id')
  try {
    const id = readFileSync(path, 'utf8').trim()
    if (/^[0-9a-f]{16}$/.test(id)) return id
  } catch {}
  const id = randomBytes(8).toString('hex')
  writeDurably(path, `${id}\n`)
  return id
}

/**
 * Segment numbers must never repeat for a spool id, even after every segment was sent and deleted:
 * a number is part of each batch's deduplication token, and ClickHouse drops a batch whose token
 * it saw within its deduplication window. The next-seq file holds the lowest number not yet
 * reserved; a process reserves a block of numbers before it uses one (one small fsynced write per
 * block, not per segment), and a new process starts after the last reserved block.
 */
function readSeqFloor(dir: string): number {
  try {
    const value = Number(readFileSync(join(dir, SEQ_FILE), 'utf8').trim())
    return Number.isSafeInteger(value) && value > 0 ? value : 1
  } catch {
    return 1
  }
}

function writeSeqFloor(dir: string, floor: number): void {
  writeDurably(join(dir, SEQ_FILE), `${floor}\n`)
}

/** Replaces a small file whole: written to a temporary file, fsynced, renamed over the old one. */
function writeDurably(path: string, text: string): void {
  const temp = `${path}.tmp`
  const fd = openSync(temp, 'w')
  try {
    writeSync(fd, text)
    fdatasyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, path)
}

function close(fd: number): Promise<void> {
  return new Promise((resolve, reject) => closeCallback(fd, (error) => (error ? reject(error) : resolve())))
}

/** Cuts a torn last line (no newline) off a segment a crash left open, then seals it. */
function repairOpenSegment(openPath: string, sealedPath: string): number {
  const data = readFileSync(openPath)
  const end = data.lastIndexOf(0x0a) + 1
  const fd = openSync(openPath, 'r+')
  try {
    if (end < data.length) ftruncateSync(fd, end)
    fdatasyncSync(fd)
  } finally {
    closeSync(fd)
  }
  if (end === 0) {
    unlinkSync(openPath)
    return 0
  }
  renameSync(openPath, sealedPath)
  return end
}
