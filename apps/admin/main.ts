import { runPortalMain } from '@tandem/api/server'
import { startAdminServer } from './server.ts'

// PARTNER_PUBLIC_URL (optional): the partner portal's address, for the invitation links managers copy.
const partnerUrl = process.env.PARTNER_PUBLIC_URL?.trim()

runPortalMain({
  name: 'Admin portal',
  env: { port: 'ADMIN_PORT', host: 'ADMIN_HOST', defaultPort: 3000 },
  start: (opts) => startAdminServer({ ...opts, ...(partnerUrl ? { partnerUrl } : {}) }),
})
