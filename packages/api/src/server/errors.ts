import { TRPCError } from '@trpc/server'

export const GENERIC_SERVER_ERROR = 'Something went wrong on our side. Please try again.'
export const INVALID_CREDENTIALS = 'Email or password is incorrect'
export const PLEASE_LOG_IN = 'Please log in'
export const AUTH_NOT_BATCHED = 'auth.* calls cannot be batched: send each in a request of its own'
export const CROSS_SITE_REFUSED = 'Cross-site requests are not accepted'
export const JSON_MUTATIONS_ONLY = 'Send mutations as application/json'

export function unauthorized(): TRPCError {
  return new TRPCError({ code: 'UNAUTHORIZED', message: PLEASE_LOG_IN })
}

export function forbidden(message: string): TRPCError {
  return new TRPCError({ code: 'FORBIDDEN', message })
}

export function badRequest(message: string): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message })
}

export function notFound(message: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message })
}

export function tooManyLogins(retryAfterMs: number): TRPCError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000))
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `Too many failed logins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  })
}
