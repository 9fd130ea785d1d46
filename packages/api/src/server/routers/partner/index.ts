import { router } from '../../trpc.ts'
import { authRouter } from '../auth.ts'
import { accountRouter } from './account.ts'
import { partnerConversionsRouter } from './conversions.ts'
import { couponsRouter } from './coupons.ts'
import { dashboardRouter } from './dashboard.ts'
import { earningsRouter } from './earnings.ts'
import { joinRouter, partnerProgramsRouter } from './join.ts'
import { linksRouter } from './links.ts'
import { payoutsRouter } from './payouts.ts'
import { referralsRouter } from './referrals.ts'
import { settingsRouter } from './settings.ts'

/** Everything the partner SPA calls, mounted at /trpc by apps/partner-portal/server.ts. */
export const partnerRouter = router({
  auth: authRouter,
  dashboard: dashboardRouter,
  links: linksRouter,
  coupons: couponsRouter,
  conversions: partnerConversionsRouter,
  join: joinRouter,
  account: accountRouter,
  programs: partnerProgramsRouter,
  earnings: earningsRouter,
  settings: settingsRouter,
  payouts: payoutsRouter,
  referrals: referralsRouter,
})

export type PartnerRouter = typeof partnerRouter
