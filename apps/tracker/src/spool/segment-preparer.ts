import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { type PreparedSegment, prepareSegment } from './segment-chunks.ts'
import type { PreparedReply, PrepareRequest } from './segment-worker.ts'

/**
 * Reads a sealed segment and cuts it into inserts (see prepareSegment). The chunk bodies stay valid
 * until the next prepare() call: the sender inserts one segment's chunks, then asks for the next.
 */
export interface SegmentPreparer {
  prepare(path: string, spoolId: string, seq: number, batchRows: number): Promise<PreparedSegment>
  close(): Promise<void>
}

/** Memory shared with the worker for chunk bodies: a segment (16 MB at most by default) fits. */
const ARENA_BYTES = 32 * 1024 * 1024

/** On the calling thread (tests, or when no worker can be started). */
export const inThreadPreparer: SegmentPreparer = {
  prepare: async (path, spoolId, seq, batchRows) =>
    prepareSegment(await readFile(path), spoolId, seq, batchRows),
  close: async () => {},
}

type Reply = PreparedReply | { id: number; error: { message: string; code?: string } }

/**
 * Prepares segments in a worker thread, started on first use; the bodies come back in memory shared
 * with it (see segment-worker.ts). Should the worker fail to start or die, the next segments are
 * prepared in-thread: the sender is slower then, never stuck.
 */
export class WorkerPreparer implements SegmentPreparer {
  private worker: Worker | null = null
  private arena: SharedArrayBuffer | null = null
  private failed = false
  private nextId = 1
  private readonly pending = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>()

  constructor(
    private readonly log?: (line: string) => void,
    private readonly arenaBytes = ARENA_BYTES,
  ) {}

  async prepare(path: string, spoolId: string, seq: number, batchRows: number): Promise<PreparedSegment> {
    const worker = this.failed ? null : this.start()
    if (!worker) return inThreadPreparer.prepare(path, spoolId, seq, batchRows)
    const id = this.nextId++
    const reply = await new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.postMessage({ id, path, spoolId, seq, batchRows } satisfies PrepareRequest)
    })
    if ('error' in reply) throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
    const memory = Buffer.from(reply.inArena ? this.arena! : reply.memory!)
    return {
      corrupt: reply.corrupt,
      chunks: reply.chunks.map(({ start, end, ...chunk }) => ({
        ...chunk,
        body: memory.subarray(start, end),
      })),
      memory,
    }
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) await worker.terminate()
  }

  private start(): Worker | null {
    if (this.worker) return this.worker
    try {
      this.arena ??= new SharedArrayBuffer(this.arenaBytes)
      const worker = new Worker(typeScriptWorker(new URL('./segment-worker.ts', import.meta.url)), {
        eval: true,
        execArgv: moduleFlags(process.execArgv),
        workerData: { arena: this.arena },
      })
      worker.unref() // an idle sender never keeps the process alive
      worker.on('message', (reply: Reply) => {
        const waiter = this.pending.get(reply.id)
        this.pending.delete(reply.id)
        waiter?.resolve(reply)
      })
      worker.on('error', (error) => this.lost(worker, error))
      worker.on('exit', (code) => this.lost(worker, new Error(`the sender's worker thread exited (${code})`)))
      this.worker = worker
      return worker
    } catch (error) {
      this.lost(null, error as Error)
      return null
    }
  }

  /** The worker is gone: waiting requests fail (the sender retries them), later ones run in-thread. */
  private lost(worker: Worker | null, error: Error): void {
    if (worker !== null && worker !== this.worker) return // closed on purpose
    this.worker = null
    this.failed = true
    this.log?.(`spool: the sender's worker thread failed (${error.message}); preparing segments in-thread`)
    for (const waiter of this.pending.values()) waiter.reject(error)
    this.pending.clear()
  }
}

/**
 * A worker running a TypeScript module: Node 20 does not apply the parent's loader flags (tsx's
 * `--import`) to a worker's entry, so a small script registers tsx's loader in the worker first.
 */
function typeScriptWorker(entry: URL): string {
  const tsx = createRequire(import.meta.url).resolve('tsx/package.json')
  const api = pathToFileURL(join(dirname(tsx), 'dist/esm/api/index.mjs')).href
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}) })`
}

const MODULE_FLAGS = new Set(['--import', '--require', '-r', '--conditions', '-C', '--loader'])

/** The parent's module flags; others stay with the parent (some, like --cpu-prof, a worker refuses). */
function moduleFlags(execArgv: readonly string[]): string[] {
  const kept: string[] = []
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!
    if (!MODULE_FLAGS.has(arg.split('=')[0]!)) continue
    if (arg.includes('=')) kept.push(arg)
    else if (i + 1 < execArgv.length) kept.push(arg, execArgv[++i]!)
  }
  return kept
}
