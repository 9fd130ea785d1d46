import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import sirv from 'sirv'

/** A source map (or a request for one): never served, whatever the build left in the directory. */
function isSourceMap(url: string | undefined): boolean {
  const path = (url ?? '/').split(/[?#]/, 1)[0] ?? '/'
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return true // undecodable: sirv would not find a file either
  }
  return /\.map\/*$/i.test(decoded)
}

/**
 * The built SPA: files as they are, index.html for every other path (client-side routes).
 * Vite's hashed files under /assets/ never change: cached for a year; the rest revalidates.
 * Source maps are 404 (production builds do not emit them; this holds if one slips in).
 */
export function serveSpa(dir: string, name: string): (req: IncomingMessage, res: ServerResponse) => void {
  if (!existsSync(join(dir, 'index.html'))) {
    return (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(`${name} UI is not built: run pnpm build`)
    }
  }
  const serve = sirv(dir, {
    single: true,
    etag: true,
    gzip: true,
    brotli: true,
    setHeaders: (res, pathname) => {
      res.setHeader(
        'Cache-Control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    },
  })
  return (req, res) => {
    if (isSourceMap(req.url)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end('Not found')
      return
    }
    serve(req, res)
  }
}
