import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeSegment, encodeRecord, encodeRecords, joinRanges, scanSegment } from './record-codec.ts'
import { Spool } from './spool.ts'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-spool-test-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const open = (dir: string, durability: 'write' | 'fsync' = 'write') =>
  Spool.open({ dir, durability, sealIntervalMs: 60_000, fsyncIntervalMs: 60_000 })

describe('record codec', () => {
  it('round-trips records per table and skips torn or garbled lines', () => {
    const a = encodeRecord('clicks', '{"a":1}')
    const b = encodeRecord('events', '{"b":"ü ✓"}')
    const garbled = encodeRecord('clicks', '{"c":3}').replace('3', '4')
    const torn = encodeRecord('clicks', '{"d":4}').slice(0, 12)
    const decoded = decodeSegment(`${a}${garbled}${b}\0\0\0\n${torn}`)
    expect(decoded.rows).toEqual({ clicks: ['{"a":1}'], events: ['{"b":"ü ✓"}'] })
    expect(decoded.corrupt).toBe(3)
  })

  it("scans a segment's bytes to the same records as decodeSegment, joined as JSONEachRow bodies", async () => {
    const lines = Array.from({ length: 500 }, (_, i) =>
      encodeRecord(i % 3 ? 'clicks' : 'events', `{"i":${i},"s":"ü✓"}`),
    )
    const torn = encodeRecord('clicks', '{"torn":1}').slice(0, -3)
    const text = `${lines.join('')}garbage\n\0\0\n${lines.slice(0, 7).join('')}${torn}`
    const expected = decodeSegment(text)
    for (const yieldEvery of [1, 7, 20_000]) {
      const data = Buffer.from(text)
      const scanned = await scanSegment(data, yieldEvery)
      expect(scanned.corrupt).toBe(expected.corrupt)
      for (const table of ['clicks', 'events'] as const) {
        const n = scanned.ranges[table].length / 2
        expect(joinRanges(data, scanned.ranges[table], 0, n).toString()).toBe(
          expected.rows[table].map((r) => `${r}\n`).join(''),
        )
        expect(joinRanges(data, scanned.ranges[table], 3, 5).toString()).toBe(
          `${expected.rows[table].slice(3, 5).join('\n')}\n`,
        )
      }
    }
  })
})

describe('batch encoding', () => {
  it('writes the same lines as one record at a time, for any text, reusing its scratch buffer', () => {
    const jsons = ['{"a":1}', '{"ua":"Mozilla ü ✓ 𝄞"}', '{}', JSON.stringify({ s: '\u2028"\\' })]
    const tables = ['clicks', 'events', 'clicks', 'events'] as const
    const scratch = { buffer: Buffer.alloc(8) }
    const batch = encodeRecords(tables, jsons, scratch)
    expect(batch.toString('utf8')).toBe(jsons.map((j, i) => encodeRecord(tables[i]!, j)).join(''))
    expect(scratch.buffer.length).toBeGreaterThanOrEqual(batch.length)
    expect(decodeSegment(batch.toString('utf8')).corrupt).toBe(0)
  })
})

describe('spool', () => {
  it('writes each record to the segment file before append returns', () => {
    const dir = tempDir()
    const spool = open(dir)
    spool.append('clicks', '{"n":1}')
    const open1 = readdirSync(dir).filter((f) => f.endsWith('.open'))
    expect(open1).toHaveLength(1)
    expect(decodeSegment(readFileSync(join(dir, open1[0]!), 'utf8')).rows.clicks).toEqual(['{"n":1}'])
  })

  it('seals segments in order and hands them over; delete removes them', async () => {
    const dir = tempDir()
    const spool = open(dir)
    spool.append('clicks', '{"n":1}')
    await spool.seal()
    spool.append('events', '{"n":2}')
    await spool.seal()
    await spool.seal() // nothing open: no empty segment
    const sealed = spool.sealedSegments()
    expect(sealed.map((s) => s.seq)).toEqual([1, 2])
    expect(decodeSegment((await spool.readSegment(sealed[1]!)).toString()).rows.events).toEqual(['{"n":2}'])
    expect(spool.pendingBytes).toBe(sealed[0]!.bytes + sealed[1]!.bytes)
    spool.deleteSegment(sealed[0]!)
    expect(spool.sealedSegments().map((s) => s.seq)).toEqual([2])
    await spool.close()
  })

  it('repairs what a crash left open: the torn last line is cut, the rest replayed', async () => {
    const dir = tempDir()
    const first = open(dir)
    first.append('clicks', '{"n":1}')
    first.append('clicks', '{"n":2}')
    // The process dies mid-write: a partial third line, and the segment never sealed.
    const openFile = readdirSync(dir).find((f) => f.endsWith('.open'))!
    appendFileSync(join(dir, openFile), encodeRecord('clicks', '{"n":3}').slice(0, 10))
    writeFileSync(join(dir, '000000000007.open'), '') // an empty one is simply removed

    const second = open(dir)
    const sealed = second.sealedSegments()
    expect(sealed).toHaveLength(1)
    const decoded = decodeSegment((await second.readSegment(sealed[0]!)).toString())
    expect(decoded).toEqual({ rows: { clicks: ['{"n":1}', '{"n":2}'], events: [] }, corrupt: 0 })
    // New segments continue after every number seen or reserved before, and the spool id is kept.
    second.append('clicks', '{"n":4}')
    await second.seal()
    const [replayed, fresh] = second.sealedSegments().map((s) => s.seq)
    expect(replayed).toBe(1)
    expect(fresh).toBeGreaterThan(7)
    expect(second.id).toBe(first.id)
  })

  it('never numbers a segment twice, even after every segment was sent and deleted', async () => {
    const dir = tempDir()
    const used = new Set<number>()
    let id = ''
    for (let life = 0; life < 4; life++) {
      const spool = open(dir)
      id ||= spool.id
      expect(spool.id).toBe(id)
      for (let i = 0; i < 3; i++) {
        spool.append('clicks', `{"life":${life},"i":${i}}`)
        await spool.seal()
      }
      for (const segment of spool.sealedSegments()) {
        expect(used.has(segment.seq), `segment ${segment.seq} reused in life ${life}`).toBe(false)
        used.add(segment.seq)
        spool.deleteSegment(segment) // sent: the directory is empty again
      }
      await spool.close()
    }
    expect(used.size).toBe(12)
  })

  it('keeps numbering above the segments on disk when its next-seq file is lost or torn', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, '000000000042.seg'), encodeRecord('clicks', '{"n":1}'))
    writeFileSync(join(dir, 'next-seq'), 'garbage')
    const spool = open(dir)
    spool.append('clicks', '{"n":2}')
    await spool.seal()
    expect(spool.sealedSegments().map((s) => s.seq)).toEqual([42, 43])
    await spool.close()
  })

  it("in 'fsync' durability, append resolves once a group fsync covers the record", async () => {
    const dir = tempDir()
    const spool = open(dir, 'fsync')
    const waits = Array.from({ length: 50 }, (_, i) => spool.append('clicks', `{"n":${i}}`))
    expect(waits.every((w) => w instanceof Promise)).toBe(true)
    await Promise.all(waits)
    await spool.close()
    const [segment] = spool.sealedSegments()
    expect(decodeSegment((await spool.readSegment(segment!)).toString()).rows.clicks).toHaveLength(50)
  })

  it('batches enqueued records into one write and calls back after it (after the fsync in fsync mode)', async () => {
    for (const durability of ['write', 'fsync'] as const) {
      const dir = tempDir()
      const spool = open(dir, durability)
      const done: number[] = []
      for (let i = 0; i < 20; i++)
        spool.enqueue('clicks', `{"n":${i}}`, (error, n) => !error && done.push(n), i)
      expect(done).toEqual([]) // written at the end of this event-loop turn, not before
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i))
      await spool.close()
      const [segment] = spool.sealedSegments()
      expect(decodeSegment((await spool.readSegment(segment!)).toString()).rows.clicks).toHaveLength(20)
      spool.enqueue('clicks', '{}', (error) => expect(error?.message).toMatch(/closed/), null)
    }
  })

  it('enqueueWith frames records written straight into its batch buffer, which grows for large ones', async () => {
    const dir = tempDir()
    const spool = open(dir)
    const big = `{"s":"${'ü'.repeat(400_000)}"}` // 800 KB of UTF-8: more than the initial buffer
    const jsons = ['{"n":1}', big, '{"n":"✓"}']
    const writer = {
      maxBytes: (json: string) => json.length * 3,
      write: (buffer: Buffer, offset: number, json: string) => offset + buffer.write(json, offset, 'utf8'),
    }
    const done: number[] = []
    for (const [i, json] of jsons.entries()) {
      spool.enqueueWith('events', writer, json, (error, n) => !error && done.push(n), i)
    }
    spool.enqueue('clicks', '{"n":4}', (error, n) => !error && done.push(n), 3)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(done).toEqual([0, 1, 2, 3])
    await spool.close()
    const [segment] = spool.sealedSegments()
    const data = (await spool.readSegment(segment!)).toString('utf8')
    expect(data).toBe(
      jsons.map((j) => encodeRecord('events', j)).join('') + encodeRecord('clicks', '{"n":4}'),
    )
  })

  it('refuses a spool directory another live process holds, and takes over a dead one', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'spool.lock'), '1\n') // pid 1 is always alive
    expect(() => open(dir)).toThrow(/in use by process 1/)
    writeFileSync(join(dir, 'spool.lock'), '999999999\n') // no such process
    const spool = open(dir)
    expect(readFileSync(join(dir, 'spool.lock'), 'utf8').trim()).toBe(String(process.pid))
    await spool.close()
    expect(readdirSync(dir)).not.toContain('spool.lock')
  })

  it('refuses appends after close', async () => {
    const spool = open(tempDir())
    await spool.close()
    expect(() => spool.append('clicks', '{}')).toThrow(/closed/)
  })
})
