import { badRequest, type HttpError } from './http-error.ts'

/**
 * What is wrong with a piece of text from outside, or null. Control characters (C0, DEL, C1) end
 * up in logs, CSV exports and webhooks; a NUL or a lone surrogate cannot even be stored in
 * Postgres. The same check runs on query strings, form bodies and every string (and key) of a
 * JSON body, so every endpoint refuses the same text with the same 400.
 */
export function textProblem(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return `contains control characters (${codePoint(c)})`
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1)
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++
      else return `is not valid Unicode (lone surrogate ${codePoint(c)})`
    }
  }
  return null
}

/** The 400 for a field whose text is refused ("order_id: contains control characters (U+0007)"). */
export function invalidText(field: string, problem: string): HttpError {
  return badRequest(`${field}: ${problem}`, 'invalid_text')
}

/** A field name fit to echo in an error message. */
export function safeName(key: string): string {
  const cleaned = key.replace(/[^\w.-]/g, '?').slice(0, 40)
  return cleaned.length > 0 ? cleaned : '(empty name)'
}

function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`
}
