import type { ClickRow } from '@tandem/db'
import type { ConversionChangeRequest } from '@tandem/services'
import { DAY_MS, HOUR_MS } from './context.ts'
import { PRODUCTS } from './names.ts'
import { CURRENCY } from './programs.ts'
import type { Random } from './random.ts'

/** A line item as stored in conversions.line_items (and passed to core as LineItem). */
export interface SeedLineItem {
  readonly sku: string
  readonly category: string
  readonly quantity: number
  readonly amountMinor: number
}

export interface Basket {
  /** Total charged: items + tax + shipping. */
  readonly amount: number
  readonly tax: number
  readonly shipping: number
  readonly lineItems: SeedLineItem[]
}

const VAT_BPS = 1900
const FREE_SHIPPING_FROM = 5000
const SHIPPING = 495

/** 1–3 products; prices are net, 19% VAT on top, shipping below 50 EUR; an optional percentage discount. */
export function basket(rng: Random, discountBps = 0): Basket {
  const lines = new Map<string, SeedLineItem>()
  const count = rng.chance(0.55) ? 1 : rng.chance(0.7) ? 2 : 3
  for (let i = 0; i < count; i++) {
    const product = rng.pick(PRODUCTS)
    const quantity = product.category === 'accessories' && rng.chance(0.4) ? 2 : 1
    const gross = product.priceMinor * quantity
    const amountMinor = gross - Math.round((gross * discountBps) / 10_000)
    const existing = lines.get(product.sku)
    lines.set(product.sku, {
      sku: product.sku,
      category: product.category,
      quantity: (existing?.quantity ?? 0) + quantity,
      amountMinor: (existing?.amountMinor ?? 0) + amountMinor,
    })
  }
  const lineItems = [...lines.values()]
  const net = lineItems.reduce((sum, l) => sum + l.amountMinor, 0)
  const tax = Math.round((net * VAT_BPS) / 10_000)
  const shipping = net >= FREE_SHIPPING_FROM ? 0 : SHIPPING
  return { amount: net + tax + shipping, tax, shipping, lineItems }
}

/** Something that happens to a conversion after it was recorded (a manager rejects it, the customer refunds). */
export interface PlannedChange {
  readonly at: number
  readonly change: ConversionChangeRequest['change']
}

const REJECT_REASONS = ['Order cancelled before shipping', 'Duplicate order', 'Test order from the shop team']

/**
 * What happens to an order later: most are kept, some are refunded (fully or partly, during
 * the hold or after approval and payout), some rejected; a conversion core sent to review is
 * rejected by the manager. Only changes before `nowMs` are kept; the services (core's
 * lifecycle) decide what each one does.
 */
export function planOutcome(
  rng: Random,
  o: {
    orderId: string
    event: string
    amount: number
    occurredAt: number
    nowMs: number
    review: string | null
  },
): PlannedChange[] {
  const events: PlannedChange[] = []
  const after = (minDays: number, maxDays: number) =>
    o.occurredAt + Math.round((minDays + rng.next() * (maxDays - minDays)) * DAY_MS + rng.next() * HOUR_MS)
  const refund = (at: number, amount: number, n: number) =>
    events.push({
      at,
      change: {
        type: 'refund',
        refundId: `${o.orderId}-R${n}`,
        amount: { amountMinor: amount, currency: CURRENCY },
      },
    })

  if (o.review) {
    events.push({ at: after(1, 6), change: reject(`Rejected after review: ${o.review}`) })
  } else if (o.event === 'sale' && o.amount > 0) {
    const r = rng.next()
    if (r < 0.05) refund(after(1, 25), o.amount, 1)
    else if (r < 0.09) {
      const part = Math.round(o.amount * (0.2 + 0.4 * rng.next()))
      refund(after(2, 25), part, 1)
      if (rng.chance(0.25)) refund(after(26, 29), Math.round(part / 2), 2)
    } else if (r < 0.105) {
      // Late: after approval, often after the payout (a clawback).
      refund(after(35, 75), rng.chance(0.5) ? o.amount : Math.round(o.amount / 2), 1)
    } else if (r < 0.135) {
      events.push({ at: after(1, 20), change: reject(rng.pick(REJECT_REASONS)) })
    }
  } else if (rng.chance(0.05)) {
    events.push({ at: after(1, 10), change: reject('Fake sign-up (disposable email)') })
  }
  return events.filter((e) => e.at < o.nowMs).sort((a, b) => a.at - b.at)
}

function reject(reason: string): PlannedChange['change'] {
  return { type: 'status', status: 'rejected', reason }
}

/** The sub ids a conversion inherits from its click. */
export function subIdsOf(click: ClickRow | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (!click) return out
  for (const key of ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const) if (click[key]) out[key] = click[key]
  return out
}
