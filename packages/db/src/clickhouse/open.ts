import { mkdirSync } from 'node:fs'
import { type ClickHouseClient, createClient } from '@clickhouse/client'
import { createChdbConnection } from 'chdb/connection'
import type { ClickHouseTarget } from '../config.ts'

/**
 * Opens ClickHouse: chDB in-process on a directory (one engine per process: a second, different
 * path in the same process is refused by chDB) or a server over HTTP.
 */
export function openClickHouse(target: ClickHouseTarget): ClickHouseClient {
  if (target.kind === 'server') {
    return createClient({ url: target.url, request_timeout: 60_000, keep_alive: { idle_socket_ttl: 2_500 } })
  }
  mkdirSync(target.dir, { recursive: true })
  // chdb types its connection against @clickhouse/client-common, structurally the same interface.
  const connection = createChdbConnection({ path: target.dir }) as unknown as NonNullable<
    Parameters<typeof createClient>[0]
  >['connection']
  return createClient({ connection })
}
