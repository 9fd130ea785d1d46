import { type NavItem, PortalLayout } from '@tandem/ui'
import { useTRPC } from '../trpc.ts'
import { roleLabel, useSessionQuery } from './use-session.ts'

const NAV: readonly NavItem[] = [
  { to: '/', label: 'Overview', end: true },
  { to: '/programs', label: 'Programs' },
  { to: '/partners', label: 'Partners' },
  { to: '/conversions', label: 'Conversions' },
  { to: '/payouts', label: 'Payouts' },
  { to: '/reports', label: 'Reports' },
  { to: '/referrals', label: 'Referrals' },
  { to: '/settings', label: 'Settings' },
]

/** Every page behind the login: the session check, the top bar, then the page. */
export function AdminLayout() {
  const trpc = useTRPC()
  return (
    <PortalLayout
      product="Admin"
      nav={NAV}
      session={useSessionQuery()}
      shellUser={(user) => ({ name: user.name, detail: roleLabel(user) })}
      logoutOptions={(callbacks) => trpc.auth.logout.mutationOptions(callbacks)}
    />
  )
}
