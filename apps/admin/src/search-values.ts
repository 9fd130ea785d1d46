import * as z from 'zod/mini'

// Query-string values are outside input: parse them, and treat a bad one as "not set".

const uuid = z.uuid()

export function parseUuid(raw: string | null): string | undefined {
  const parsed = uuid.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}

export function parseOption<T extends string>(raw: string | null, options: readonly T[]): T | undefined {
  return options.find((option) => option === raw)
}
