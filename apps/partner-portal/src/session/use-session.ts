import type { SessionUser } from '@tandem/api'
import { useQuery } from '@tanstack/react-query'
import { useOutletContext } from 'react-router'
import { useTRPC } from '../trpc.ts'

/** tRPC's query key prefix of auth.me: invalidating it makes every gate recheck the session. */
export const ME_KEY = [['auth', 'me']]

export function useSessionQuery() {
  const trpc = useTRPC()
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }))
}

/** The logged-in partner user, inside pages rendered by PartnerLayout. */
export function useCurrentUser(): SessionUser {
  return useOutletContext<SessionUser>()
}
