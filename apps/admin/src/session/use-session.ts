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

/** The logged-in user, inside pages rendered by AdminLayout. */
export function useCurrentUser(): SessionUser {
  return useOutletContext<SessionUser>()
}

const ROLE_LABEL = { owner: 'Owner', manager: 'Manager', viewer: 'Viewer' } as const

export function roleLabel(user: SessionUser): string {
  return user.adminRole ? ROLE_LABEL[user.adminRole] : 'No role'
}

/** Managers and owners may change partners and conversions; viewers only read. */
export function canManage(user: SessionUser): boolean {
  return user.adminRole === 'owner' || user.adminRole === 'manager'
}
