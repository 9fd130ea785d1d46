import type { Stores } from '@tandem/db'
import pg from 'pg'
import { z } from 'zod'

/** What changed, as the 0002-tracker trigger reports it. 'all' after a reconnect (notifications may be lost). */
export type TrackerChange =
  | { kind: 'link'; code: string; id: number }
  | { kind: 'program'; id: string }
  | { kind: 'all' }

export const CHANGE_CHANNEL = 'tandem_tracker_changes'

const payload = z.union([
  z.object({ t: z.literal('link'), code: z.string(), id: z.number().int() }),
  z.object({ t: z.literal('program'), id: z.string() }),
])

export function parseChange(text: string): TrackerChange | null {
  try {
    const parsed = payload.safeParse(JSON.parse(text))
    if (!parsed.success) return null
    const p = parsed.data
    return p.t === 'link' ? { kind: 'link', code: p.code, id: p.id } : { kind: 'program', id: p.id }
  } catch {
    return null
  }
}

/**
 * Subscribes to link and program changes: pglite.listen in embedded mode (the trigger fires in
 * the same engine whoever writes), a dedicated LISTEN connection on a Postgres server (reconnects
 * with backoff; after a reconnect everything is invalidated, since notifications sent while
 * disconnected are gone). Returns an unsubscribe function.
 */
export async function subscribeToChanges(
  stores: Pick<Stores, 'pglite' | 'databaseUrl'>,
  onChange: (change: TrackerChange) => void,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const deliver = (text: string | undefined) => {
    const change = text ? parseChange(text) : null
    if (change) onChange(change)
  }
  if (stores.pglite) {
    const unlisten = await stores.pglite.listen(CHANGE_CHANNEL, deliver)
    return async () => {
      await unlisten().catch(() => {})
    }
  }
  if (!stores.databaseUrl) return async () => {}
  const url = stores.databaseUrl
  let stopped = false
  let client: pg.Client | null = null
  let retryTimer: NodeJS.Timeout | null = null
  let failures = 0

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'tandem-tracker-listen' })
    const lost = (why: string) => {
      if (client !== c) return
      client = null
      log(`tracker: change feed connection lost (${why}); reconnecting`)
      void c.end().catch(() => {})
      reconnect()
    }
    c.on('notification', (n) => deliver(n.payload))
    c.on('error', (error) => lost(error.message))
    c.on('end', () => lost('closed'))
    try {
      await c.connect()
      await c.query(`LISTEN ${CHANGE_CHANNEL}`)
    } catch (error) {
      await c.end().catch(() => {})
      throw error
    }
    if (stopped) {
      await c.end().catch(() => {})
      return
    }
    client = c
    failures = 0
  }
  const reconnect = () => {
    if (stopped || retryTimer) return
    const delay = Math.min(10_000, 200 * 2 ** Math.min(failures++, 6))
    retryTimer = setTimeout(() => {
      retryTimer = null
      connect()
        // Anything may have changed while disconnected.
        .then(() => onChange({ kind: 'all' }))
        .catch((error: Error) => {
          log(`tracker: change feed reconnect failed: ${error.message}`)
          reconnect()
        })
    }, delay)
    retryTimer.unref()
  }

  await connect()
  return async () => {
    stopped = true
    if (retryTimer) clearTimeout(retryTimer)
    const c = client
    client = null
    await c?.end().catch(() => {})
  }
}
