import { openStores, storeConfigFromEnv } from '@tandem/db'
import { seedProgram } from '../fixtures.ts'

/** Child process: seeds one program and link in the embedded stores of TANDEM_DATA_DIR, prints them. */
const stores = await openStores(storeConfigFromEnv(process.env))
try {
  const seed = await seedProgram(stores.db)
  process.stdout.write(`${JSON.stringify({ code: seed.code, programId: seed.programId })}\n`)
} finally {
  await stores.close()
}
