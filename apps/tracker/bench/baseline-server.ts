import { createServer } from 'node:http'

/**
 * The benchmark's baseline: a bare node:http server answering a 302 from an in-memory map, with
 * the same response headers as the tracker's redirect. Prints its port on stdout.
 */
const links = new Map([['bench-link', 'https://shop.example/spring?ref=partner']])

const server = createServer((req, res) => {
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)
  const destination = path.startsWith('/r/') ? links.get(path.slice(3)) : undefined
  if (!destination) {
    res.writeHead(404, { 'content-length': '0' })
    res.end()
    return
  }
  res.writeHead(302, { location: destination, 'cache-control': 'no-store', 'content-length': '0' })
  res.end()
})
server.keepAliveTimeout = 5_000
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  )
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
