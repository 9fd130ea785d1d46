import { readFile } from 'node:fs/promises'
import { parentPort, workerData } from 'node:worker_threads'
import { prepareSegment } from './segment-chunks.ts'

/**
 * The sender's worker thread: reads a sealed segment, checks its records' CRCs, cuts its chunks and
 * hashes their tokens. That is the sender's CPU work; keeping it here keeps it off the event loop
 * that answers clicks. The bodies are written into memory shared with the main thread (the
 * arena), so they reach it without a copy and without new memory for its garbage collector to
 * account (a transferred buffer per segment made it run a full collection every second);
 * a segment too large for the arena comes back in a transferred buffer.
 */
export interface PrepareRequest {
  id: number
  path: string
  spoolId: string
  seq: number
  batchRows: number
}

/** A chunk as [start, end) of the reply's memory instead of a Buffer. */
export interface PreparedReply {
  id: number
  corrupt: number
  chunks: {
    table: 'clicks' | 'events'
    index: number
    rows: number
    token: string
    start: number
    end: number
  }[]
  /** The bodies are in the arena; otherwise in `memory`, transferred. */
  inArena: boolean
  memory?: ArrayBuffer
}

const arena = Buffer.from(workerData.arena as SharedArrayBuffer)

parentPort?.on('message', async (request: PrepareRequest) => {
  try {
    const data = await readFile(request.path)
    const prepared = await prepareSegment(data, request.spoolId, request.seq, request.batchRows, arena)
    const inArena = prepared.memory === arena
    const reply: PreparedReply = {
      id: request.id,
      corrupt: prepared.corrupt,
      chunks: prepared.chunks.map(({ body, ...chunk }) => ({
        ...chunk,
        start: body.byteOffset - prepared.memory.byteOffset,
        end: body.byteOffset - prepared.memory.byteOffset + body.length,
      })),
      inArena,
      ...(inArena ? {} : { memory: prepared.memory.buffer as ArrayBuffer }),
    }
    parentPort!.postMessage(reply, reply.memory ? [reply.memory] : [])
  } catch (error) {
    const { message, code } = error as NodeJS.ErrnoException
    parentPort!.postMessage({ id: request.id, error: { message: String(message ?? error), code } })
  }
})
