import type { Stores } from '@tandem/db'
import type { Portal } from '../server/context.ts'
import {
  type PortalServerOptions,
  type RunningServer,
  startPortalServer,
} from '../server/http/portal-server.ts'
import { silentLogger, TRACKER_URL } from './clients.ts'

/** A portal over real HTTP on 127.0.0.1 with a stand-in UI (a page that says which portal). */
export function startTestPortal(
  stores: Stores,
  portal: Portal,
  extra: Partial<Omit<PortalServerOptions, 'portal' | 'stores'>> = {},
): Promise<RunningServer> {
  return startPortalServer({
    portal,
    stores,
    port: 0,
    host: '127.0.0.1',
    trackerUrl: TRACKER_URL,
    logger: silentLogger,
    serveUi: (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(`<!doctype html><title>${portal}</title>`)
    },
    ...extra,
  })
}

export interface TrpcAnswer {
  status: number
  body: unknown
  setCookies: string[]
  headers: Headers
}

/** A tRPC error as the portals shape it. */
export interface TrpcErrorBody {
  error: { message: string; data: { code: string; httpStatus: number } }
}

async function answer(res: Response): Promise<TrpcAnswer> {
  const text = await res.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body, setCookies: res.headers.getSetCookie(), headers: res.headers }
}

/** POSTs one mutation (JSON, no batching) the way the SPAs' httpLink does. */
export async function postMutation(
  baseUrl: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<TrpcAnswer> {
  return answer(
    await fetch(`${baseUrl}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: input === undefined ? '' : JSON.stringify(input),
    }),
  )
}

/** GETs one query, input in the URL as tRPC's httpLink sends it. */
export async function getQuery(
  baseUrl: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<TrpcAnswer> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`
  return answer(await fetch(`${baseUrl}/trpc/${path}${query}`, { headers }))
}

/** POSTs a batch of mutations in one request (`/trpc/a,b?batch=1`). */
export async function postBatch(
  baseUrl: string,
  calls: { path: string; input: unknown }[],
  headers: Record<string, string> = {},
): Promise<TrpcAnswer> {
  const body = Object.fromEntries(calls.map((c, i) => [String(i), c.input]))
  return answer(
    await fetch(`${baseUrl}/trpc/${calls.map((c) => c.path).join(',')}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  )
}

/** The error message of a single (non-batch) tRPC error answer. */
export function errorMessage(a: TrpcAnswer): string | undefined {
  return (a.body as Partial<TrpcErrorBody>)?.error?.message
}

/** Parses a Content-Security-Policy header into directive → sources. */
export function parseCsp(header: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) out.set(name.toLowerCase(), sources)
  }
  return out
}
