import { TRPCError } from '@trpc/server'

export const GENERIC_SERVER_ERROR = 'Something went wrong on our side. Please try again.'
export const INVALID_CREDENTIALS = 'Email or password is incorrect'
export const PLEASE_LOG_IN = 'Please log in'

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
