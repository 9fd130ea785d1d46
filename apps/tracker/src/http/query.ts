import { badRequest, HttpError } from './http-error.ts'
import { invalidText, safeName, textProblem } from './text.ts'

export type Params = Record<string, string>

const MAX_QUERY = 8192
const MAX_PARAMS = 100
// Printable ASCII only: a request target with raw bytes above 0x7e was not percent-encoded.
const RAW_OK = /^[\x21-\x7e]*$/

/**
 * Decodes a query string (or a form body) into first-value-wins parameters, refusing what
 * cannot be a well-formed request: raw non-ASCII bytes, percent-escapes that decode to invalid
 * UTF-8, control characters, too many or too long parameters. The result has no prototype, so
 * `__proto__` or `constructor` are just keys.
 */
export function parseParams(raw: string, what = 'query string'): Params {
  const params: Params = Object.create(null)
  if (raw.length === 0) return params
  if (raw.length > MAX_QUERY) {
    throw new HttpError(414, 'too_long', `The ${what} is longer than ${MAX_QUERY} characters`)
  }
  if (!RAW_OK.test(raw))
    throw badRequest(`The ${what} must be percent-encoded ASCII (it holds raw bytes or spaces)`)
  let count = 0
  for (const [key, value] of new URLSearchParams(raw)) {
    if (++count > MAX_PARAMS) throw badRequest(`The ${what} has more than ${MAX_PARAMS} parameters`)
    if (key.includes('\uFFFD') || value.includes('\uFFFD')) {
      throw invalidText(safeName(key), 'is not valid UTF-8 once percent-decoded')
    }
    const problem = textProblem(key) ?? textProblem(value)
    if (problem) throw invalidText(safeName(key), problem)
    if (!(key in params)) params[key] = value
  }
  return params
}
