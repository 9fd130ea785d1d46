import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { describeZodError, HttpError } from '../http/http-error.ts'
import { parseParams } from '../http/query.ts'
import { NO_CLICK_PARAMETERS, parseClickQuery } from './click-query.ts'

// The schema the click route used before: the hand-written check must agree with it exactly.
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`).optional()
const schema = z.object({
  sub1: text(255),
  sub2: text(255),
  sub3: text(255),
  sub4: text(255),
  sub5: text(255),
  utm_source: text(255),
  utm_medium: text(255),
  utm_campaign: text(255),
  utm_term: text(255),
  utm_content: text(255),
  url: text(2048),
})

function viaSchema(
  raw: string,
): { ok: true; query: object } | { ok: false; status: number; message: string } {
  try {
    const parsed = schema.safeParse(parseParams(raw))
    if (!parsed.success) return { ok: false, status: 400, message: describeZodError(parsed.error) }
    return { ok: true, query: parsed.data }
  } catch (error) {
    return { ok: false, status: (error as HttpError).status, message: (error as Error).message }
  }
}

function viaParser(raw: string): ReturnType<typeof viaSchema> {
  try {
    return { ok: true, query: parseClickQuery(raw) }
  } catch (error) {
    if (!(error instanceof HttpError)) throw error
    return { ok: false, status: error.status, message: error.message }
  }
}

const key = fc.constantFrom(
  'sub1',
  'sub2',
  'sub3',
  'sub5',
  'utm_source',
  'utm_term',
  'utm_content',
  'url',
  'fbclid',
  '__proto__',
  'constructor',
)
const value = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.integer({ min: 250, max: 260 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 2040, max: 2050 }).map((n) => 'y'.repeat(n)),
  fc.constantFrom('%E2%9C%93', '%FF', '%00', 'a+b'),
)
const rawQuery = fc
  .array(fc.tuple(key, value), { maxLength: 12 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${/^%|\+/.test(v) ? v : encodeURIComponent(v)}`).join('&'))

describe('parseClickQuery', () => {
  it('accepts and refuses exactly what the schema did, with the same messages and values', () => {
    fc.assert(
      fc.property(rawQuery, (raw) => {
        const expected = viaSchema(raw)
        const actual = viaParser(raw)
        if (expected.ok && actual.ok) expect({ ...actual.query }).toEqual({ ...expected.query })
        else expect(actual).toEqual(expected)
      }),
      { numRuns: 3000 },
    )
  })

  it('answers the shared empty query when nothing known is carried', () => {
    expect(parseClickQuery('')).toBe(NO_CLICK_PARAMETERS)
    expect(parseClickQuery('fbclid=abc&gclid=1')).toBe(NO_CLICK_PARAMETERS)
    expect(parseClickQuery('sub1=a&x=1')).toEqual({ sub1: 'a' })
  })
})
