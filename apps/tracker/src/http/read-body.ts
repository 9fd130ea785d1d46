import type { IncomingMessage } from 'node:http'
import { badRequest, HttpError } from './http-error.ts'
import { parseJsonBody } from './json-body.ts'
import { type Params, parseParams } from './query.ts'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Reads a request body up to `limit` bytes as UTF-8 text; 413 beyond it, 400 for invalid UTF-8. */
export async function readBodyText(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN)
  if (declared > limit) throw tooLarge(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }
  try {
    return utf8.decode(Buffer.concat(chunks, size))
  } catch {
    throw badRequest('The request body is not valid UTF-8')
  }
}

export type Body =
  | { kind: 'json'; value: unknown; raw: string }
  | { kind: 'form'; params: Params; raw: string }

/** A JSON or form-encoded body; any other content type is a 415. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Send the body as application/json or application/x-www-form-urlencoded',
    )
  }
  const raw = await readBodyText(req, limit)
  if (type === 'application/x-www-form-urlencoded')
    return { kind: 'form', params: parseParams(raw, 'form body'), raw }
  return { kind: 'json', value: parseJsonBody(raw), raw }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload_too_large', `The request body is larger than ${limit} bytes`)
}
