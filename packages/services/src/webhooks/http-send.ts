import type { DeliveryOutcome } from '@tandem/db'

export interface OutgoingRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body: string | null
  timeoutMs: number
}

/** How much of a receiver's answer the delivery log keeps. */
export const RESPONSE_EXCERPT_CHARS = 500
const READ_LIMIT_BYTES = 4096

/**
 * Sends one request and describes the outcome; never throws. 2xx is success; redirects are not
 * followed (a moved endpoint must be updated, not silently chased) and count as failures.
 */
export async function sendRequest(req: OutgoingRequest): Promise<DeliveryOutcome> {
  const started = performance.now()
  const latency = () => Math.round(performance.now() - started)
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    })
    const excerpt = await readExcerpt(res)
    const ok = res.status >= 200 && res.status < 300
    return {
      ok,
      statusCode: res.status,
      latencyMs: latency(),
      responseExcerpt: excerpt,
      error: ok ? null : `HTTP ${res.status}`,
    }
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } }
    const reason =
      e.name === 'TimeoutError'
        ? `timed out after ${req.timeoutMs} ms`
        : (e.cause?.code ?? e.cause?.message ?? e.message)
    return { ok: false, statusCode: null, latencyMs: latency(), responseExcerpt: null, error: reason }
  }
}

/** The start of the body, read up to a few KB so a huge answer costs nothing. */
async function readExcerpt(res: Response): Promise<string | null> {
  if (!res.body) return null
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < READ_LIMIT_BYTES) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.byteLength
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.length === 0) return null
  return text.length > RESPONSE_EXCERPT_CHARS ? `${text.slice(0, RESPONSE_EXCERPT_CHARS)}…` : text
}
