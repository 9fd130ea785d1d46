import type { z } from 'zod'

/** Stable codes callers (tRPC, tracker routes, CLIs) map to their own answers; never parse messages. */
export type DomainErrorCode = 'invalid_input' | 'not_found' | 'illegal_transition' | 'conflict'

/** A refusal the caller can explain to a person; anything else thrown is a bug or an outage. */
export class DomainError extends Error {
  override name = 'DomainError'
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** A finer stable code for clients (amount_above_maximum, click_not_accepted, …); default: code. */
    readonly reason: string = code,
  ) {
    super(message)
  }
}

export class InvalidInputError extends DomainError {
  override name = 'InvalidInputError'
  constructor(message: string, details?: Record<string, unknown>, reason?: string) {
    super('invalid_input', message, details, reason)
  }
}

export class NotFoundError extends DomainError {
  override name = 'NotFoundError'
  constructor(entity: string, id: string, message?: string, reason?: string) {
    super('not_found', message ?? `No ${entity} ${JSON.stringify(id.slice(0, 100))}`, { entity, id }, reason)
  }
}

export class IllegalTransitionError extends DomainError {
  override name = 'IllegalTransitionError'
  constructor(message: string, details?: Record<string, unknown>, reason?: string) {
    super('illegal_transition', message, details, reason)
  }
}

export class ConflictError extends DomainError {
  override name = 'ConflictError'
  constructor(message: string, details?: Record<string, unknown>, reason?: string) {
    super('conflict', message, details, reason)
  }
}

/** Parses a command's input, turning zod issues into one InvalidInputError naming each field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`)
  throw new InvalidInputError(issues.join('; '), { issues })
}
