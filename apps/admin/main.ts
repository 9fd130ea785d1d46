import { runPortalMain } from '@tandem/api/server'
import { startAdminServer } from './server.ts'

runPortalMain({
  name: 'Admin portal',
  env: { port: 'ADMIN_PORT', host: 'ADMIN_HOST', defaultPort: 3000 },
  start: startAdminServer,
})
