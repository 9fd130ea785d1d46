import { randomUUID } from 'node:crypto'
import { type ClickRow, chInt, chRows, NIL_UUID } from '@tandem/db'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { clickRowJson } from '../src/events/serialize.ts'
import { clickHouseInserter } from '../src/spool/inserter.ts'

/**
 * clickRowJson writes JSON by hand for speed: this checks that every ClickRow column, with the
 * most awkward values the click path lets through, reads back from ClickHouse exactly as written,
 * through the same inserter the sender uses.
 */

// Exactly ClickRow's keys (the `satisfies` fails on a missing or extra key); strict, so a clicks
// column ClickRow does not know fails the parse too.
const clickRowShape = {
  event_id: z.string(),
  ts: chInt,
  click_id: z.string(),
  program_id: z.string(),
  partner_id: z.string(),
  link_id: z.number(),
  visitor_hash: z.string(),
  ip_hash: z.string(),
  country: z.string(),
  device: z.string(),
  user_agent: z.string(),
  referer: z.string(),
  sub1: z.string(),
  sub2: z.string(),
  sub3: z.string(),
  sub4: z.string(),
  sub5: z.string(),
  utm_source: z.string(),
  utm_medium: z.string(),
  utm_campaign: z.string(),
  is_unique: z.union([z.literal(0), z.literal(1)]),
  is_bot: z.union([z.literal(0), z.literal(1)]),
  fraud_score: z.number(),
  fraud_flags: z.array(z.string()),
} satisfies Record<keyof ClickRow, z.ZodType>
const clickRowRead = z.strictObject(clickRowShape)

/** `length` UTF-16 code units (the unit of the tracker's max(255)) cycling through `alphabet`. */
function fill(alphabet: string, length: number): string {
  let out = ''
  const chars = Array.from(alphabet)
  for (let i = 0; out.length < length; i++) {
    const next = chars[i % chars.length] ?? 'x'
    out += out.length + next.length <= length ? next : 'x'
  }
  return out
}

// Quotes, backslashes, JSON escapes spelled out, control characters (NUL included), line and
// paragraph separators, combining marks, right-to-left text, astral characters.
const NASTY = `"\\'\`{}[],:\\u0022\\n\n\r\t\u0000\u0001\u001f\u007f\u2028\u2029é\u0301 עברית 日本語 🦄👩🏽‍💻 </script>`

function awkwardRow(programId: string): ClickRow {
  return {
    event_id: randomUUID(),
    ts: Date.UTC(2031, 0, 2, 3, 4, 5, 678),
    click_id: `${NASTY}.sig`,
    program_id: programId,
    partner_id: randomUUID(),
    link_id: 4_294_967_295,
    visitor_hash: NASTY,
    ip_hash: '"\\',
    country: 'ZZ"\\',
    device: 'bot 🤖',
    user_agent: fill(`Mozilla/5.0 "quoted" \\ ${NASTY}`, 512),
    referer: fill(`https://ex.example/?q="a\\b"&x=${NASTY}`, 1024),
    sub1: fill('"', 255),
    sub2: fill('\\', 255),
    sub3: fill('🦄', 255),
    sub4: fill('€日', 255),
    sub5: fill(NASTY, 255),
    utm_source: NASTY,
    utm_medium: '\u0000',
    utm_campaign: fill('é\u0301', 255),
    is_unique: 1,
    is_bot: 1,
    fraud_score: 65_535,
    fraud_flags: ['bot_user_agent', 'ip_velocity', NASTY, '', '"quoted"', 'back\\slash'],
  }
}

function emptyRow(programId: string): ClickRow {
  return {
    event_id: randomUUID(),
    ts: 1,
    click_id: '',
    program_id: programId,
    partner_id: NIL_UUID,
    link_id: 0,
    visitor_hash: '',
    ip_hash: '',
    country: '',
    device: '',
    user_agent: '',
    referer: '',
    sub1: '',
    sub2: '',
    sub3: '',
    sub4: '',
    sub5: '',
    utm_source: '',
    utm_medium: '',
    utm_campaign: '',
    is_unique: 0,
    is_bot: 0,
    fraud_score: 0,
    fraud_flags: [],
  }
}

describe('clickRowJson → ClickHouse clicks → select', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  beforeAll(async () => {
    stores = await openTestStores()
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('brings back every column of every row exactly as written', async () => {
    const programId = randomUUID()
    const rows = [awkwardRow(programId), emptyRow(programId), awkwardRow(programId)]
    // The longest values the click route accepts (zod max counts UTF-16 code units).
    expect([rows[0]?.sub3.length, rows[0]?.sub4.length, rows[0]?.user_agent.length]).toEqual([255, 255, 512])
    // The sender's batch body: one clickRowJson line per row, each ending in a newline.
    const body = Buffer.from(rows.map((r) => `${clickRowJson(r)}\n`).join(''), 'utf8')
    await clickHouseInserter(stores.ch, { embedded: true }).insert({
      table: 'clicks',
      body,
      rows: rows.length,
      token: randomUUID(),
    })

    const back = await chRows(
      stores.ch,
      `SELECT * REPLACE (toUnixTimestamp64Milli(ts) AS ts)
         FROM clicks WHERE program_id = {programId:UUID}`,
      { programId },
      clickRowRead,
    )
    expect(back).toHaveLength(rows.length)
    const byId = new Map(back.map((r) => [r.event_id, r]))
    for (const written of rows) {
      const read = byId.get(written.event_id)
      expect(read, written.event_id).toBeDefined()
      for (const column of Object.keys(clickRowShape) as (keyof ClickRow)[]) {
        expect(read?.[column], column).toEqual(written[column])
      }
    }
  })

  it('writes lines JSON.parse reads as the row itself', () => {
    for (const row of [awkwardRow(randomUUID()), emptyRow(randomUUID())]) {
      expect(JSON.parse(clickRowJson(row))).toEqual(row)
    }
  })
})
