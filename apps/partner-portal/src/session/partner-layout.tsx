import type { SessionUser } from '@tandem/api'
import { type NavItem, PortalLayout, type ShellUser } from '@tandem/ui'
import { useTRPC } from '../trpc.ts'
import { useSessionQuery } from './use-session.ts'

const NAV: readonly NavItem[] = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/links', label: 'Links' },
  { to: '/earnings', label: 'Earnings' },
  { to: '/payouts', label: 'Payouts' },
  { to: '/refer', label: 'Refer' },
  { to: '/programs', label: 'Programs' },
  { to: '/settings', label: 'Settings' },
]

/** Every page behind the login: the session check, the top bar with the partner's name, then the page. */
export function PartnerLayout() {
  const trpc = useTRPC()
  return (
    <PortalLayout
      product="Partner portal"
      nav={NAV}
      session={useSessionQuery()}
      shellUser={partnerShellUser}
      logoutOptions={(callbacks) => trpc.auth.logout.mutationOptions(callbacks)}
    />
  )
}

/** The partner (a company or a person) is who the portal is for; the login is secondary. */
function partnerShellUser(user: SessionUser): ShellUser {
  const name = user.partnerName ?? user.name
  const detail = user.partnerName && user.partnerName !== user.name ? user.name : user.email
  return { name, detail }
}
