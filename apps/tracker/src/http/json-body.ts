import { badRequest } from './http-error.ts'
import { invalidText, safeName, textProblem } from './text.ts'

/**
 * A JSON request body, refused with a 400 when it is not valid JSON, when an object repeats a
 * key (JSON.parse keeps the last one silently: `{"amount_minor":1,"amount_minor":99999}` must not
 * mean whatever a proxy or a log reader decided), or when a string or key holds control
 * characters or invalid Unicode (the same rule as query strings).
 */
export function parseJsonBody(raw: string): unknown {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message.slice(0, 120)}`)
  }
  const duplicate = findDuplicateKey(raw)
  if (duplicate !== null) {
    throw badRequest(
      `The JSON body repeats the key ${JSON.stringify(safeName(duplicate))} in one object: send each field once`,
      'duplicate_key',
    )
  }
  checkText(value, '')
  return value
}

function checkText(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const problem = textProblem(value)
    if (problem) throw invalidText(path || '(body)', problem)
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkText(value[i], path ? `${path}.${i}` : String(i))
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const keyProblem = textProblem(key)
      if (keyProblem) throw invalidText(`${path ? `${path}.` : ''}${safeName(key)}`, keyProblem)
      checkText(v, path ? `${path}.${key}` : key)
    }
  }
}

interface Frame {
  keys: Set<string> | null // null for an array
  expectKey: boolean
}

/**
 * The first key an object of `raw` repeats, or null. `raw` already parsed as JSON, so one linear
 * pass over its tokens is enough: strings in key position are decoded and compared per object.
 */
export function findDuplicateKey(raw: string): string | null {
  const stack: Frame[] = []
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (c === 0x22 /* " */) {
      let end = i + 1
      while (raw.charCodeAt(end) !== 0x22) end += raw.charCodeAt(end) === 0x5c /* \ */ ? 2 : 1
      const top = stack[stack.length - 1]
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(raw.slice(i, end + 1)) as string
        if (top.keys.has(key)) return key
        top.keys.add(key)
        top.expectKey = false
      }
      i = end
    } else if (c === 0x7b /* { */) stack.push({ keys: new Set(), expectKey: true })
    else if (c === 0x5b /* [ */) stack.push({ keys: null, expectKey: false })
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop()
    else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1]
      if (top?.keys) top.expectKey = true
    }
  }
  return null
}
