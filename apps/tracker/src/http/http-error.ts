import type { z } from 'zod'

/** An answer for the client: a 4xx (or 503) with a message that says what to fix. */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Extra fields for the JSON answer's `error` object (what a client needs to reconcile). */
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message)
  }
}

export const badRequest = (message: string, code = 'invalid_request') => new HttpError(400, code, message)
export const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message)
export const notFound = (message: string) => new HttpError(404, 'not_found', message)

/** One readable line from zod issues: "amount: must be a decimal such as 12.34; currency: …". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.map(String).join('.')
      return path ? `${path}: ${issue.message}` : issue.message
    })
    .join('; ')
}
