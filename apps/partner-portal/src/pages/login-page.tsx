import { PortalLoginPage } from '@tandem/ui'
import { Link } from 'react-router'
import { useSessionQuery } from '../session/use-session.ts'
import { useTRPC } from '../trpc.ts'

export function LoginPage() {
  const trpc = useTRPC()
  const me = useSessionQuery()
  return (
    <PortalLoginPage
      product="Partner portal"
      signedIn={Boolean(me.data?.user)}
      sessionKey={trpc.auth.me.queryKey()}
      loginOptions={(callbacks) => trpc.auth.login.mutationOptions(callbacks)}
      footer={<Link to="/forgot-password">Forgot your password?</Link>}
    />
  )
}
