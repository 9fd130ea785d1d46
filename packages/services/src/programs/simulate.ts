import { randomUUID } from 'node:crypto'
import {
  type AttributionPartner,
  attribute,
  type CommissionPartner,
  type CommissionRule,
  type ConversionFacts,
  computeCommissions,
  type LineItem,
  type Money,
  type RuleProblem,
  type RuleSet,
} from '@tandem/core'
import { loadConversionProgram, loadCoupon, loadPartnerFacts, partnerNamesByIds } from '@tandem/db'
import { z } from 'zod'
import type { ServiceContext } from '../context.ts'
import { parentChain } from '../conversions/decide.ts'
import { NotFoundError, parseInput } from '../errors.ts'
import { plainText, uuid } from '../shared/fields.ts'
import { checkRuleSet, ruleInput, ruleSetInForce } from './rule-sets.ts'
import { attributionSettingsOf } from './settings.ts'

const minor = z.number().int('must be a whole number of minor units').min(0).max(100_000_000_000)

export const simulateOrderInput = z.strictObject({
  programId: uuid,
  /** A draft rule set to try; absent: the version in force when the order occurs. */
  rules: z.array(ruleInput).max(200).optional(),
  order: z.strictObject({
    event: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1-64 letters, digits or _ . : -')
      .default('sale'),
    amountMinor: minor,
    taxMinor: minor.default(0),
    shippingMinor: minor.default(0),
    lineItems: z
      .array(
        z.strictObject({
          sku: plainText(120).pipe(z.string().min(1, 'is required')),
          productId: plainText(120).nullable().default(null),
          category: plainText(120).nullable().default(null),
          quantity: z.number().int().min(1).max(1_000_000),
          amountMinor: minor,
        }),
      )
      .max(100)
      .default([]),
    coupon: plainText(64).nullable().default(null),
    /** Subscription payment number (1 = first) and months since the first payment. */
    recurring: z
      .strictObject({
        paymentIndex: z.number().int().min(1).max(10_000),
        monthsSinceFirstPayment: z.number().int().min(0).max(1_200),
      })
      .nullable()
      .default(null),
    occurredAt: z.coerce.date().optional(),
  }),
  /** Clicks before the order: whose link, and how long before it. */
  clicks: z
    .array(
      z.strictObject({
        partnerId: uuid,
        minutesBefore: z
          .number()
          .int()
          .min(0)
          .max(3650 * 24 * 60),
      }),
    )
    .max(20)
    .default([]),
  /** The partners' volume earlier in the period (tiers, caps, bonuses); zero when absent. */
  period: z
    .strictObject({
      conversions: z.number().int().min(0).max(10_000_000),
      revenueMinor: minor,
      commissionMinor: minor,
    })
    .nullable()
    .default(null),
})
export type SimulateOrderInput = z.input<typeof simulateOrderInput>

export interface SimulatedLine {
  partnerId: string
  partnerName: string | null
  level: number
  ruleId: string
  ruleName: string | null
  kind: string
  amount: Money
  explanation: string
}

export interface SimulationResult {
  /** 'draft' (the rules given) or the number of the version in force; null: no rules at all. */
  ruleSet: { source: 'draft' } | { source: 'version'; version: number } | null
  /** core's problems with a draft: when there are any, nothing is priced. */
  problems: RuleProblem[]
  attribution: {
    source: string
    explanation: string
    needsReview: boolean
    shares: { partnerId: string; partnerName: string | null; weightPpm: number; reason: string }[]
    flags: { code: string; partnerId: string; reason: string }[]
  }
  lines: SimulatedLine[]
  notes: string[]
  /** Sum of the lines, in the program's currency. */
  total: Money
}

/**
 * Prices an example order the way a real conversion would be priced: core attributes its touches
 * (the program's attribution settings, the partners' standing in the program) and computes the
 * commissions with a draft rule set or the version in force. Reads only; writes nothing.
 */
export async function simulateOrder(ctx: ServiceContext, raw: SimulateOrderInput): Promise<SimulationResult> {
  const input = parseInput(simulateOrderInput, raw)
  const program = await loadConversionProgram(ctx.db, { id: input.programId })
  if (!program) throw new NotFoundError('program', input.programId)
  const currency = program.currency
  const occurredAt = input.order.occurredAt ?? ctx.now()

  let ruleSet: RuleSet | null = null
  let source: SimulationResult['ruleSet'] = null
  if (input.rules) {
    const rules = input.rules.map((r) => ({ ...r, id: r.id ?? randomUUID() })) as unknown as CommissionRule[]
    const problems = checkRuleSet(currency, program.rounding_mode, rules)
    if (problems.length > 0) {
      return {
        ruleSet: { source: 'draft' },
        problems,
        attribution: { source: 'none', explanation: '', needsReview: false, shares: [], flags: [] },
        lines: [],
        notes: [],
        total: { amountMinor: 0, currency },
      }
    }
    ruleSet = { currency, rounding: program.rounding_mode, rules }
    source = { source: 'draft' }
  } else {
    const inForce = await ruleSetInForce(ctx.db, program, occurredAt)
    if (inForce) {
      ruleSet = inForce.ruleSet
      source = { source: 'version', version: inForce.version }
    }
  }

  const coupon = input.order.coupon ? await loadCoupon(ctx.db, program.id, input.order.coupon) : null
  const touched = [
    ...new Set([...input.clicks.map((c) => c.partnerId), ...(coupon ? [coupon.partnerId] : [])]),
  ]
  const facts = await loadPartnerFacts(ctx.db, program.id, touched)
  const names = await partnerNamesByIds(ctx.db, [...new Set([...touched, ...facts.keys()])])
  const partners: Record<string, AttributionPartner> = {}
  for (const id of touched) {
    const f = facts.get(id)
    // A partner not in the program is absent: core treats them as ineligible and says so.
    if (f) partners[id] = { status: f.status, name: names.get(id) ?? null }
  }
  const attribution = attribute({
    clicks: input.clicks.map((c, i) => ({
      clickId: `example-click-${i + 1}`,
      partnerId: c.partnerId,
      linkId: `example-link-${i + 1}`,
      at: new Date(occurredAt.getTime() - c.minutesBefore * 60_000),
    })),
    coupon,
    settings: attributionSettingsOf(program),
    partners,
    now: occurredAt,
  })

  const notes: string[] = []
  if (input.order.coupon && !coupon) {
    notes.push(`The coupon ${input.order.coupon} is not an active coupon of this program.`)
  }
  const money = (amountMinor: number): Money => ({ amountMinor, currency })
  let lines: SimulatedLine[] = []
  if (!ruleSet) {
    notes.push('The program has no commission rules in force at that time.')
  } else if (attribution.shares.length > 0) {
    const commissionPartners: Record<string, CommissionPartner> = {}
    const period = input.period
    for (const [id, f] of facts) {
      commissionPartners[id] = {
        name: names.get(id) ?? null,
        status: f.status,
        groupId: f.groupId,
        parentIds: parentChain(facts, id),
        ...(period
          ? {
              period: {
                conversions: period.conversions,
                revenue: money(period.revenueMinor),
                commission: money(period.commissionMinor),
              },
            }
          : {}),
      }
    }
    const conversion: ConversionFacts = {
      event: input.order.event,
      amount: money(input.order.amountMinor),
      tax: money(input.order.taxMinor),
      shipping: money(input.order.shippingMinor),
      lineItems: input.order.lineItems.map(
        (l): LineItem => ({
          sku: l.sku,
          productId: l.productId,
          category: l.category,
          quantity: l.quantity,
          amount: money(l.amountMinor),
        }),
      ),
      occurredAt,
      recurring: input.order.recurring,
    }
    const result = computeCommissions({
      conversion,
      shares: attribution.shares.map((s) => ({ partnerId: s.partnerId, weightPpm: s.weightPpm })),
      ruleSet,
      partners: commissionPartners,
    })
    const ruleNames = new Map(ruleSet.rules.map((r) => [r.id, r.name]))
    lines = result.lines.map((l) => ({
      partnerId: l.partnerId,
      partnerName: names.get(l.partnerId) ?? null,
      level: l.level,
      ruleId: l.ruleId,
      ruleName: ruleNames.get(l.ruleId) ?? null,
      kind: l.kind,
      amount: l.amount,
      explanation: l.explanation,
    }))
    notes.push(...result.notes)
  }
  return {
    ruleSet: source,
    problems: [],
    attribution: {
      source: attribution.source,
      explanation: attribution.explanation,
      needsReview: attribution.needsReview,
      shares: attribution.shares.map((s) => ({
        partnerId: s.partnerId,
        partnerName: names.get(s.partnerId) ?? null,
        weightPpm: s.weightPpm,
        reason: s.reason,
      })),
      flags: attribution.flags.map((f) => ({ code: f.code, partnerId: f.partnerId, reason: f.reason })),
    },
    lines,
    notes,
    total: money(lines.reduce((sum, l) => sum + l.amount.amountMinor, 0)),
  }
}
