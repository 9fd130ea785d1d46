import { initTRPC } from '@trpc/server'
import { ZodError } from 'zod'
import type { Context } from './context.ts'
import { GENERIC_SERVER_ERROR } from './errors.ts'

export interface Meta {
  /** Shown in logs for unexpected errors. */
  description?: string
}

/** One line per problem: "email: Enter a valid email address". */
export function describeZodError(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
}

// isDev false: stack traces never leave the server, whatever NODE_ENV says.
const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    isDev: false,
    errorFormatter({ shape, error }) {
      const zodError = error.code === 'BAD_REQUEST' && error.cause instanceof ZodError ? error.cause : null
      const message =
        error.code === 'INTERNAL_SERVER_ERROR'
          ? GENERIC_SERVER_ERROR
          : zodError
            ? describeZodError(zodError)
            : shape.message
      return {
        message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          /** Field-level problems of a rejected input, for forms. */
          issues: zodError
            ? zodError.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
            : null,
        },
      }
    },
  })

export const router = t.router
export const middleware = t.middleware
export const createCallerFactory = t.createCallerFactory
export const baseProcedure = t.procedure
