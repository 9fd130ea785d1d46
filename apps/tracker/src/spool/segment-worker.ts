import { readFile } from 'node:fs/promises'
import { parentPort } from 'node:worker_threads'
import { prepareSegment } from './segment-chunks.ts'

/**
 * The sender's worker thread: reads a sealed segment, checks its records' CRCs, cuts its chunks and
 * hashes their tokens, then hands the chunk bodies to the main thread without copying (transferred).
 * That is the sender's CPU work; keeping it here keeps it off the event loop that answers clicks.
 */
export interface PrepareRequest {
  id: number
  path: string
  spoolId: string
  seq: number
  batchRows: number
}

parentPort?.on('message', async (request: PrepareRequest) => {
  try {
    const data = await readFile(request.path)
    const prepared = await prepareSegment(data, request.spoolId, request.seq, request.batchRows)
    const transfer = prepared.chunks.map((chunk) => chunk.body.buffer as ArrayBuffer)
    parentPort!.postMessage({ id: request.id, prepared }, transfer)
  } catch (error) {
    const { message, code } = error as NodeJS.ErrnoException
    parentPort!.postMessage({ id: request.id, error: { message: String(message ?? error), code } })
  }
})
