import { openStores, storeConfigFromEnv } from '@tandem/db'

/** Child process: prints the click ids of one program's clicks in chDB (duplicates included). */
const programId = process.argv[2] ?? ''
const stores = await openStores(storeConfigFromEnv(process.env))
try {
  const result = await stores.ch.query({
    query: 'SELECT click_id FROM clicks WHERE program_id = {p:UUID}',
    query_params: { p: programId },
    format: 'JSONEachRow',
  })
  const rows = await result.json<{ click_id: string }>()
  process.stdout.write(`${JSON.stringify({ clickIds: rows.map((r) => r.click_id) })}\n`)
} finally {
  await stores.close()
}
