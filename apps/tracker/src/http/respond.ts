import type { ServerResponse } from 'node:http'
import { HttpError } from './http-error.ts'

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(text)
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  })
  res.end(text)
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  })
  res.end(html)
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c)
}

/** The "plain 404 page" of unknown or paused links. */
export function linkNotFoundPage(res: ServerResponse): void {
  sendHtml(
    res,
    404,
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Link not found</title>' +
      '<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">' +
      '<h1>Link not found</h1><p>This link does not exist or is no longer active.</p></body></html>',
  )
}

/** A 1x1 transparent GIF. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

export function sendPixel(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'image/gif',
    'content-length': PIXEL_GIF.length,
    'cache-control': 'no-store, max-age=0',
    'access-control-allow-origin': '*',
  })
  res.end(PIXEL_GIF)
}

/** Writes an HttpError as JSON ({ error: { code, message } }) or as text, for routes that are not APIs. */
export function sendError(res: ServerResponse, error: HttpError, format: 'json' | 'text'): void {
  const headers: Record<string, string> = { ...error.headers }
  // The client may still be sending a body we will not read: do not reuse the connection.
  if (error.status === 413) headers.connection = 'close'
  if (format === 'json')
    sendJson(
      res,
      error.status,
      { error: { code: error.code, message: error.message, ...error.details } },
      headers,
    )
  else sendText(res, error.status, `${error.message}\n`, headers)
}

export function asHttpError(error: unknown): HttpError | null {
  return error instanceof HttpError ? error : null
}
