import { LoadingState, PortalLoginPage } from '@tandem/ui'
import { useQuery } from '@tanstack/react-query'
import { usePageTitle } from '../kit/use-page-title.ts'
import { useSessionQuery } from '../session/use-session.ts'
import { useTRPC } from '../trpc.ts'
import { FirstOwnerSetup } from './first-owner-setup.tsx'

export function LoginPage() {
  const trpc = useTRPC()
  const me = useSessionQuery()
  const setup = useQuery(trpc.setup.status.queryOptions())
  usePageTitle(setup.data?.needsOwner ? 'Set up Tandem' : 'Log in')
  if (setup.isPending) return <LoadingState />
  if (setup.data?.needsOwner) return <FirstOwnerSetup />
  return (
    <PortalLoginPage
      product="Admin"
      signedIn={Boolean(me.data?.user)}
      sessionKey={trpc.auth.me.queryKey()}
      loginOptions={(callbacks) => trpc.auth.login.mutationOptions(callbacks)}
    />
  )
}
