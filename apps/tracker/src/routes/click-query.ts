import { badRequest } from '../http/http-error.ts'
import { parseParams } from '../http/query.ts'
import type { PassthroughKey } from '../links/landing.ts'

/** What a click's query may carry: the pass-through parameters and a deep link. */
export type ClickQuery = Partial<Record<PassthroughKey | 'url', string>>

/** The query of most clicks: nothing the tracker keeps (no parameters, or only unknown ones). */
export const NO_CLICK_PARAMETERS: ClickQuery = Object.freeze({})

/** Known parameters and their length limits, in the order problems are reported. */
const LIMITS: readonly (readonly [PassthroughKey | 'url', number])[] = [
  ['sub1', 255],
  ['sub2', 255],
  ['sub3', 255],
  ['sub4', 255],
  ['sub5', 255],
  ['utm_source', 255],
  ['utm_medium', 255],
  ['utm_campaign', 255],
  ['utm_term', 255],
  ['utm_content', 255],
  ['url', 2048],
]
const MAX_REPORTED = 5

/**
 * A click's query string, checked by hand rather than by a schema library (this runs on every
 * click that has a query). Unknown parameters are dropped; a known one that is too long is a
 * 400 naming it ("sub1: must be at most 255 characters", several joined with "; ").
 */
export function parseClickQuery(raw: string): ClickQuery {
  if (raw === '') return NO_CLICK_PARAMETERS
  const params = parseParams(raw)
  let query: ClickQuery | null = null
  const problems: string[] = []
  for (const [key, max] of LIMITS) {
    const value = params[key]
    if (value === undefined) continue
    if (value.length > max) problems.push(`${key}: must be at most ${max} characters`)
    else {
      query ??= {}
      query[key] = value
    }
  }
  if (problems.length > 0) throw badRequest(problems.slice(0, MAX_REPORTED).join('; '))
  return query ?? NO_CLICK_PARAMETERS
}
