import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { encodeRecord } from './record-codec.ts'
import { batchToken, chunkPosition } from './segment-chunks.ts'
import { inThreadPreparer, WorkerPreparer } from './segment-preparer.ts'

const dir = mkdtempSync(join(tmpdir(), 'tandem-preparer-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A segment of 2,500 clicks and 625 events, interleaved, with a garbled line and a torn last one. */
function writeSegment(): string {
  let text = ''
  for (let i = 0; i < 2_500; i++) {
    text += encodeRecord('clicks', `{"i":${i},"ua":"Mozilla ü ✓"}`)
    if (i % 4 === 0) text += encodeRecord('events', `{"e":${i / 4}}`)
    if (i === 1_000) text += encodeRecord('clicks', '{"garbled":1}').replace('1', '2')
  }
  text += encodeRecord('clicks', '{"torn":1}').slice(0, 12)
  const path = join(dir, '000000000007.seg')
  writeFileSync(path, text)
  return path
}

describe('segment preparation', () => {
  it('cuts the same chunks with the same tokens in the worker thread as in-thread, bodies intact', async () => {
    const path = writeSegment()
    const problems: string[] = []
    const worker = new WorkerPreparer((line) => problems.push(line))
    try {
      const here = await inThreadPreparer.prepare(path, 'abcdef0123456789', 7, 1_000)
      const there = await worker.prepare(path, 'abcdef0123456789', 7, 1_000)
      expect(problems).toEqual([]) // it really ran in the worker, not in the fallback
      expect(there.corrupt).toBe(2)
      expect(there.chunks.map((c) => [c.table, c.index, c.rows])).toEqual([
        ['clicks', 0, 1_000],
        ['clicks', 1, 1_000],
        ['clicks', 2, 500],
        ['events', 0, 625],
      ])
      expect(there.chunks).toEqual(here.chunks)
      expect(there.memory.buffer).toBeInstanceOf(SharedArrayBuffer) // shared, not copied
      for (const chunk of there.chunks) {
        expect(Buffer.isBuffer(chunk.body)).toBe(true)
        expect(chunk.token).toBe(
          batchToken(chunkPosition('abcdef0123456789', 7, chunk.table, chunk.index), chunk.body),
        )
        expect(chunk.body.toString('utf8').split('\n').filter(Boolean)).toHaveLength(chunk.rows)
      }
      // A second request on the same worker, and a missing file reported as an error.
      expect((await worker.prepare(path, 'abcdef0123456789', 7, 5_000)).chunks).toHaveLength(2)
      await expect(worker.prepare(join(dir, 'missing.seg'), 'x', 1, 10)).rejects.toMatchObject({
        code: 'ENOENT',
      })
    } finally {
      await worker.close()
    }
  })

  it('hands back a segment larger than the shared memory in a buffer of its own', async () => {
    const path = writeSegment()
    const worker = new WorkerPreparer(undefined, 1_000)
    try {
      const there = await worker.prepare(path, 'abcdef0123456789', 7, 1_000)
      expect(there.memory.buffer).not.toBeInstanceOf(SharedArrayBuffer)
      expect(there.chunks).toEqual(
        (await inThreadPreparer.prepare(path, 'abcdef0123456789', 7, 1_000)).chunks,
      )
    } finally {
      await worker.close()
    }
  })
})
