import { openStores, storeConfigFromEnv } from '@tandem/db'

/** Child process: prints the sub1 values and the event-id count of one program's clicks in chDB. */
const programId = process.argv[2] ?? ''
const stores = await openStores(storeConfigFromEnv(process.env))
try {
  const result = await stores.ch.query({
    query:
      'SELECT count() AS n, uniqExact(event_id) AS u, groupArray(sub1) AS subs FROM clicks WHERE program_id = {p:UUID}',
    query_params: { p: programId },
    format: 'JSONEachRow',
  })
  const [row] = await result.json<{ n: string; u: string; subs: string[] }>()
  process.stdout.write(
    `${JSON.stringify({ count: Number(row?.n), unique: Number(row?.u), subs: row?.subs ?? [] })}\n`,
  )
} finally {
  await stores.close()
}
