// Dev: boot a fresh install and keep it running; prints URLs.
import { bootFresh } from './boot.ts'

const b = await bootFresh()
console.log(JSON.stringify({ admin: b.adminUrl, partner: b.partnerUrl, tracker: b.trackerUrl }))
process.on('SIGTERM', async () => {
  await b.close()
  process.exit(0)
})
