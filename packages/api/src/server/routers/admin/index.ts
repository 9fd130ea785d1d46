import { router } from '../../trpc.ts'
import { authRouter } from '../auth.ts'
import { conversionsRouter } from './conversions.ts'
import { emailsRouter } from './emails.ts'
import { overviewRouter } from './overview.ts'
import { partnersRouter } from './partners.ts'
import { payoutsRouter } from './payouts.ts'
import { programsRouter } from './programs.ts'
import { referralsRouter } from './referrals.ts'
import { reportsRouter } from './reports.ts'
import { rulesRouter } from './rules.ts'
import { settingsRouter } from './settings.ts'
import { setupRouter } from './setup.ts'

/** Everything the admin SPA calls, mounted at /trpc by apps/admin/server.ts. */
export const adminRouter = router({
  auth: authRouter,
  setup: setupRouter,
  programs: programsRouter,
  rules: rulesRouter,
  overview: overviewRouter,
  partners: partnersRouter,
  conversions: conversionsRouter,
  payouts: payoutsRouter,
  reports: reportsRouter,
  referrals: referralsRouter,
  settings: settingsRouter,
  emails: emailsRouter,
})

export type AdminRouter = typeof adminRouter
