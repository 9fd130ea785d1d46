import type { ClickRow } from '@tandem/db'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { clickRowMaxBytes, linkRowFields, writeClickRow } from './click-row-writer.ts'
import { clickRowJson } from './serialize.ts'

const anyText = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }), // any code point, lone surrogates included
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u007f', 'é', '😀', 'a'), maxLength: 20 }),
)
const row: fc.Arbitrary<ClickRow> = fc.record({
  event_id: fc.uuid(),
  ts: fc.integer({ min: 0, max: 2 ** 47 }),
  click_id: fc.stringMatching(/^[A-Za-z0-9_-]{40}$/),
  program_id: fc.uuid(),
  partner_id: fc.uuid(),
  link_id: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  visitor_hash: fc.stringMatching(/^[0-9a-f]{16}$/),
  ip_hash: anyText,
  country: anyText,
  device: fc.constantFrom('bot', 'mobile', 'tablet', 'desktop', 'unknown'),
  user_agent: anyText,
  referer: anyText,
  sub1: anyText,
  sub2: anyText,
  sub3: anyText,
  sub4: anyText,
  sub5: anyText,
  utm_source: anyText,
  utm_medium: anyText,
  utm_campaign: anyText,
  is_unique: fc.constantFrom(0, 1),
  is_bot: fc.constantFrom(0, 1),
  fraud_score: fc.integer({ min: 0, max: 100 }),
  fraud_flags: fc.array(fc.constantFrom('missing_user_agent', 'bot_user_agent', 'click_flood'), {
    maxLength: 3,
  }),
})

describe('writeClickRow', () => {
  it('writes exactly the bytes of clickRowJson, within clickRowMaxBytes', () => {
    fc.assert(
      fc.property(row, fc.integer({ min: 0, max: 64 }), (r, offset) => {
        const fields = linkRowFields({ programId: r.program_id, partnerId: r.partner_id, id: r.link_id })
        const max = clickRowMaxBytes(r, fields)
        const out = Buffer.alloc(offset + max, 0xff)
        const end = writeClickRow(out, offset, r, fields)
        expect(end - offset).toBeLessThanOrEqual(max)
        expect(out.subarray(offset, end).toString('utf8')).toBe(clickRowJson(r))
        expect(out.subarray(offset, end)).toEqual(Buffer.from(clickRowJson(r), 'utf8'))
      }),
      { numRuns: 1000 },
    )
  })
})
