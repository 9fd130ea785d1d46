import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import sirv from 'sirv'

/**
 * The built SPA: files as they are, index.html for every other path (client-side routes).
 * Vite's hashed files under /assets/ never change: cached for a year; the rest revalidates.
 */
export function serveSpa(dir: string, name: string): (req: IncomingMessage, res: ServerResponse) => void {
  if (!existsSync(join(dir, 'index.html'))) {
    return (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(`${name} UI is not built: run pnpm build`)
    }
  }
  return sirv(dir, {
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
}
