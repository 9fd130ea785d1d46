import { z } from 'zod'

/** What each payout method needs before a payout can be sent (core: detailsComplete). */
const required: Record<string, z.ZodType> = {
  paypal: z.object({ email: z.email() }),
  wise: z.object({ email: z.email() }),
  bank_transfer: z.object({ iban: z.string().min(15), accountHolder: z.string().min(1) }),
}

export function payoutDetailsComplete(method: string, details: Record<string, unknown> | null): boolean {
  const schema = required[method]
  return schema !== undefined && details !== null && schema.safeParse(details).success
}
