import { type PayoutMethod, payoutDetailsSchemas } from '../partners/payout-details.ts'

/** Whether the stored details are what the method needs before a payout can be sent (core: detailsComplete). */
export function payoutDetailsComplete(method: string, details: Record<string, unknown> | null): boolean {
  if (details === null || !Object.hasOwn(payoutDetailsSchemas, method)) return false
  return payoutDetailsSchemas[method as PayoutMethod].safeParse(details).success
}
