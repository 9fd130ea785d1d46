import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TrackerContext } from './context.ts'
import { HttpError } from './http/http-error.ts'
import { sendError, sendJson, sendText } from './http/respond.ts'
import type { Route } from './metrics/tracker-metrics.ts'
import { handleConversionsApi } from './routes/conversions-api.ts'
import { handleHealth, handleMetrics } from './routes/health.ts'
import { handlePixel } from './routes/pixel.ts'
import { handlePostback } from './routes/postback.ts'
import { handleRedirect } from './routes/redirect.ts'
import { handleSnippet } from './routes/snippet.ts'

type Handler = (path: string, query: string) => undefined | Promise<void>

/**
 * Dispatches by path with no framework (a framework costs more than this tracker's whole click
 * path). Every route answers a refused input with a 4xx that says why; anything unexpected is
 * logged and answered 500 (503 when a store is unreachable), and the server keeps serving.
 */
export function createRequestHandler(
  ctx: TrackerContext,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now()
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const path = q === -1 ? url : url.slice(0, q)
    const query = q === -1 ? '' : url.slice(q + 1)
    const method = req.method ?? 'GET'
    let route: Route = 'other'
    let format: 'json' | 'text' = 'text'
    let handler: Handler | null = null

    if (path.startsWith('/r/')) {
      // The hot path: no closures; handleRedirect records its own metrics once it has answered.
      if (method !== 'GET') {
        allow(res, method, 'GET')
        ctx.metrics.request('redirect', 405, (performance.now() - started) / 1000)
        return
      }
      try {
        handleRedirect(ctx, req, res, path.slice(3), query, started)
      } catch (error) {
        respondToError(ctx, res, error, 'text', 'redirect')
        ctx.metrics.request('redirect', res.statusCode, (performance.now() - started) / 1000)
      }
      return
    }
    if (path === '/p.gif') {
      route = 'pixel'
      if (allow(res, method, 'GET')) handler = (_p, qs) => handlePixel(ctx, req, res, qs)
    } else if (path === '/postback') {
      route = 'postback'
      format = 'json'
      if (allow(res, method, 'GET, POST')) handler = (_p, qs) => handlePostback(ctx, req, res, qs)
    } else if (path === '/v1/conversions' || path === '/v1/refunds') {
      route = path === '/v1/conversions' ? 'api_conversions' : 'api_refunds'
      format = 'json'
      const kind = route === 'api_conversions' ? 'conversions' : 'refunds'
      if (allow(res, method, 'POST')) handler = () => handleConversionsApi(ctx, req, res, kind)
    } else if (path === '/t.js') {
      route = 'snippet'
      if (allow(res, method, 'GET, HEAD')) handler = (_p, qs) => handleSnippet(ctx, req, res, qs)
    } else if (path === '/healthz') {
      route = 'healthz'
      if (allow(res, method, 'GET, HEAD')) handler = () => handleHealth(ctx, res)
    } else if (path === '/metrics') {
      route = 'metrics'
      if (allow(res, method, 'GET')) handler = () => handleMetrics(ctx, req, res)
    } else {
      sendText(res, 404, 'Not found\n')
    }

    const finish = () => ctx.metrics.request(route, res.statusCode, (performance.now() - started) / 1000)
    if (!handler) {
      finish()
      return
    }
    const fail = (error: unknown) => {
      respondToError(ctx, res, error, format, route)
      finish()
    }
    try {
      const pending = handler(path, query)
      if (pending) pending.then(finish, fail)
      else finish()
    } catch (error) {
      fail(error)
    }
  }
}

function allow(res: ServerResponse, method: string, allowed: string): boolean {
  if (method === allowed || (allowed.includes(', ') && allowed.split(', ').includes(method))) return true
  sendText(res, 405, `Method ${method.slice(0, 16)} is not allowed here; use ${allowed}\n`, {
    allow: allowed,
  })
  return false
}

function respondToError(
  ctx: TrackerContext,
  res: ServerResponse,
  error: unknown,
  format: 'json' | 'text',
  route: Route,
): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (error instanceof HttpError) {
    sendError(res, error, format)
    return
  }
  const unreachable = isConnectionError(error)
  ctx.log(
    `tracker: ${route} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  )
  const status = unreachable ? 503 : 500
  const message = unreachable
    ? 'A store is unreachable; retry later'
    : 'Internal error; the request was not recorded, retry later'
  if (format === 'json')
    sendJson(res, status, { error: { code: unreachable ? 'unavailable' : 'internal', message } })
  else sendText(res, status, `${message}\n`)
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return (
    typeof code === 'string' &&
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P03',
      '53300',
      '08006',
      '08001',
    ].includes(code)
  )
}
