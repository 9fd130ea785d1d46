/**
 * A small webhook receiver for trying Tandem's webhooks locally: verifies each delivery with the
 * `standardwebhooks` library (as a merchant's server would), dedupes on webhook-id, prints one
 * line per event.
 *
 *   WEBHOOK_SECRET=whsec_… npx tsx packages/services/scripts/webhook-receiver.ts 9999
 */
import { createServer } from 'node:http'
import { Webhook } from 'standardwebhooks'

const port = Number(process.argv[2] ?? 9999)
const secret = process.env.WEBHOOK_SECRET
if (!secret) {
  process.stderr.write('Set WEBHOOK_SECRET to the endpoint secret (whsec_…) Tandem printed\n')
  process.exit(1)
}
const webhook = new Webhook(secret)
const seen = new Map<string, number>()

createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8')
    const headers = {
      'webhook-id': String(req.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
    }
    let event: { type?: string; data?: Record<string, unknown> }
    try {
      event = webhook.verify(body, headers) as typeof event
    } catch (error) {
      process.stdout.write(`REJECTED ${headers['webhook-id']}: ${(error as Error).message}\n`)
      res.writeHead(400).end('bad signature')
      return
    }
    const id = headers['webhook-id']
    const times = (seen.get(id) ?? 0) + 1
    seen.set(id, times)
    const d = event.data ?? {}
    process.stdout.write(
      `${times === 1 ? 'verified' : 'duplicate'} ${event.type} id=${id} conversion=${d.conversion_id} order=${d.order_id} status=${d.status}${times > 1 ? ` (seen ${times}×, ignored)` : ''}\n`,
    )
    res.writeHead(200).end('ok')
  })
}).listen(port, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${port}\n`))
