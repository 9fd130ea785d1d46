import { runPortalMain } from '@tandem/api/server'
import { startPartnerPortalServer } from './server.ts'

runPortalMain({
  name: 'Partner portal',
  env: { port: 'PARTNER_PORT', host: 'PARTNER_HOST', defaultPort: 3001 },
  start: startPartnerPortalServer,
})
