import { moneyToDecimal } from '@tandem/core'
import type { PostbackConversionFacts } from '@tandem/db'

/** Placeholders a partner's postback URL may hold. */
export const POSTBACK_PLACEHOLDERS = [
  'click_id',
  'sub1',
  'sub2',
  'sub3',
  'sub4',
  'sub5',
  'amount',
  'currency',
  'status',
  'order_id',
] as const

const PLACEHOLDER = /\{([a-z0-9_]+)\}/g

/** The placeholders in a template that are not ours (a typo would otherwise go out verbatim). */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(POSTBACK_PLACEHOLDERS)
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !known.has(name))
}

/**
 * Fills a template with the conversion's values, each percent-encoded (a sub id cannot inject
 * query parameters). `status` is the status the event announced, not the one at sending time.
 */
export function renderPostbackUrl(template: string, facts: PostbackConversionFacts, status: string): string {
  const values: Record<string, string> = {
    click_id: facts.clickId ?? '',
    amount: moneyToDecimal({ amountMinor: facts.amountMinor, currency: facts.currency }),
    currency: facts.currency,
    status,
    order_id: facts.orderId,
  }
  for (const key of ['sub1', 'sub2', 'sub3', 'sub4', 'sub5']) values[key] = facts.subIds[key] ?? ''
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    name in values ? encodeURIComponent(values[name] ?? '') : whole,
  )
}
