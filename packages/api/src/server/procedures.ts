import { CoreError, type CoreErrorCode } from '@tandem/core'
import { DomainError } from '@tandem/services'
import { TRPCError } from '@trpc/server'
import { forbidden, unauthorized } from './errors.ts'
import type { AdminRole } from './schemas/auth.ts'
import { baseProcedure, middleware } from './trpc.ts'

const ROLE_RANK: Record<AdminRole, number> = { viewer: 0, manager: 1, owner: 2 }

export function hasRole(role: AdminRole | null, minRole: AdminRole): boolean {
  return role !== null && ROLE_RANK[role] >= ROLE_RANK[minRole]
}

// Errors a domain function raises about its input (core's CoreError carries a stable code) are the
// caller's mistake: a 400 with core's message, not a 500.
const CLIENT_CORE_CODES = new Set<CoreErrorCode>([
  'invalid_money',
  'unknown_currency',
  'currency_mismatch',
  'missing_fx_rate',
  'invalid_rate',
  'invalid_input',
  'invalid_rule',
  'illegal_transition',
])

// A service's refusal (DomainError) says what to fix; its kind picks the tRPC code.
const DOMAIN_CODES = {
  invalid_input: 'BAD_REQUEST',
  not_found: 'NOT_FOUND',
  illegal_transition: 'CONFLICT',
  conflict: 'CONFLICT',
} as const satisfies Record<DomainError['code'], TRPCError['code']>

const coreErrorsAsBadRequest = middleware(async ({ next }) => {
  const result = await next()
  if (!result.ok) {
    const cause = result.error.cause
    if (cause instanceof CoreError && CLIENT_CORE_CODES.has(cause.code)) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause })
    }
    if (cause instanceof DomainError) {
      throw new TRPCError({ code: DOMAIN_CODES[cause.code], message: cause.message, cause })
    }
  }
  return result
})

/** Anyone, logged in or not. */
export const publicProcedure = baseProcedure.use(coreErrorsAsBadRequest)

/** A logged-in admin user (any role) on the admin portal. */
export const adminProcedure = publicProcedure.use(({ ctx, next }) => {
  const user = ctx.session?.user
  if (ctx.portal !== 'admin' || !user || user.kind !== 'admin' || user.adminRole === null)
    throw unauthorized()
  return next({ ctx: { user, adminRole: user.adminRole, session: ctx.session! } })
})

/** Requires at least `minRole` (viewer < manager < owner); use after adminProcedure. */
export function requireRole(minRole: AdminRole) {
  return middleware(({ ctx, next }) => {
    const role = ctx.session?.user.adminRole ?? null
    if (!hasRole(role, minRole)) throw forbidden(`This needs the ${minRole} role`)
    return next()
  })
}

export const managerProcedure = adminProcedure.use(requireRole('manager'))
export const ownerProcedure = adminProcedure.use(requireRole('owner'))

/**
 * A logged-in partner user on the partner portal. ctx.partnerId comes from the session, never
 * from input: every partner query filters by it.
 */
export const partnerProcedure = publicProcedure.use(({ ctx, next }) => {
  const user = ctx.session?.user
  if (ctx.portal !== 'partner' || !user || user.kind !== 'partner' || user.partnerId === null) {
    throw unauthorized()
  }
  return next({ ctx: { user, partnerId: user.partnerId, session: ctx.session! } })
})
