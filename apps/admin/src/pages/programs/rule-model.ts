import { formatMajor, parseMajor } from '../../kit/money-input.ts'

/** A rule as the editor holds it: every number as typed, every kind's fields present. */
export interface RuleDraft {
  id: string
  name: string
  kind: 'flat' | 'percentage' | 'tiered' | 'recurring' | 'product' | 'multi_level' | 'cap' | 'bonus'
  event: string
  scopeType: 'program' | 'partner' | 'group'
  scopeIds: string[]
  /** Percent ("10", "12.5") or a fraction ("1/3"). */
  rate: string
  amount: string
  netOfTax: boolean
  netOfShipping: boolean
  metric: 'count' | 'revenue'
  mode: 'whole' | 'marginal'
  tiers: { id: string; name: string; from: string; rate: string; amount: string }[]
  maxPayments: string
  afterFromMonth: string
  afterRate: string
  matchBy: 'sku' | 'productId' | 'category'
  matchValues: string
  pricing: 'rate' | 'amount'
  levels: { rate: string; of: 'commission' | 'revenue' }[]
  per: 'conversion' | 'partner_period'
  trigger: 'count' | 'revenue' | 'tier'
  threshold: string
  tierRuleId: string
  tierId: string
}

export const RULE_KINDS: readonly { value: RuleDraft['kind']; label: string }[] = [
  { value: 'percentage', label: 'Percentage of revenue' },
  { value: 'flat', label: 'Flat amount per action' },
  { value: 'tiered', label: 'Tiers by volume' },
  { value: 'recurring', label: 'Recurring (subscriptions)' },
  { value: 'product', label: 'Per product / SKU / category' },
  { value: 'multi_level', label: 'Multi-level (parents earn)' },
  { value: 'cap', label: 'Cap' },
  { value: 'bonus', label: 'Bonus at a threshold' },
]

export function newId(): string {
  return globalThis.crypto.randomUUID()
}

export function emptyRule(kind: RuleDraft['kind'] = 'percentage'): RuleDraft {
  return {
    id: newId(),
    name: '',
    kind,
    event: 'sale',
    scopeType: 'program',
    scopeIds: [],
    rate: '10',
    amount: '',
    netOfTax: false,
    netOfShipping: false,
    metric: 'revenue',
    mode: 'whole',
    tiers: [
      { id: newId(), name: 'Base', from: '0', rate: '5', amount: '' },
      { id: newId(), name: 'Gold', from: '1000', rate: '10', amount: '' },
    ],
    maxPayments: '12',
    afterFromMonth: '',
    afterRate: '',
    matchBy: 'sku',
    matchValues: '',
    pricing: 'rate',
    levels: [{ rate: '10', of: 'commission' }],
    per: 'conversion',
    trigger: 'count',
    threshold: '',
    tierRuleId: '',
    tierId: '',
  }
}

type Json = Record<string, unknown>

/** "10" → { percent: '10' }; "1/3" → { numerator: 1, denominator: 3 }; anything else is passed on for core to refuse. */
export function rateOf(text: string): Json {
  const t = text.trim().replace(/%$/, '').trim()
  const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(t)
  if (fraction) return { numerator: Number(fraction[1]), denominator: Number(fraction[2]) }
  return { percent: t }
}

export function rateText(rate: unknown): string {
  const r = (rate ?? {}) as Json
  if (typeof r.bps === 'number') return String(r.bps / 100)
  if (typeof r.percent === 'string') return r.percent
  if (typeof r.numerator === 'number' && typeof r.denominator === 'number')
    return `${r.numerator}/${r.denominator}`
  return ''
}

/** Major units → Money; a text that is no amount becomes NaN minor units, which core reports. */
function moneyOf(text: string, currency: string): Json {
  const minor = parseMajor(text || '', currency)
  return { amountMinor: minor ?? Number.NaN, currency }
}

function moneyText(value: unknown, currency: string): string {
  if (typeof value === 'number') return formatMajor(value, currency)
  const m = (value ?? {}) as Json
  return typeof m.amountMinor === 'number' ? formatMajor(m.amountMinor, currency) : ''
}

const list = (text: string) =>
  text
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean)

/** The rule as core reads it (CommissionRule JSON). */
export function toCoreRule(d: RuleDraft, currency: string): Json {
  const base: Json = { id: d.id, name: d.name.trim(), kind: d.kind }
  if (d.scopeType === 'partner') base.scope = { partnerIds: d.scopeIds }
  if (d.scopeType === 'group') base.scope = { groupIds: d.scopeIds }
  const net = {
    ...(d.netOfTax ? { netOfTax: true } : {}),
    ...(d.netOfShipping ? { netOfShipping: true } : {}),
  }
  switch (d.kind) {
    case 'flat':
      return { ...base, event: d.event, amount: moneyOf(d.amount, currency) }
    case 'percentage':
      return { ...base, event: d.event, rate: rateOf(d.rate), ...net }
    case 'tiered':
      return {
        ...base,
        event: d.event,
        metric: d.metric,
        mode: d.mode,
        ...net,
        tiers: d.tiers.map((t) => ({
          id: t.id,
          name: t.name.trim() || 'Tier',
          from: d.metric === 'count' ? Number(t.from) : moneyOf(t.from, currency),
          ...(t.amount.trim() ? { amount: moneyOf(t.amount, currency) } : { rate: rateOf(t.rate) }),
        })),
      }
    case 'recurring':
      return {
        ...base,
        event: d.event,
        rate: rateOf(d.rate),
        maxPayments: d.maxPayments.trim() === '' ? null : Number(d.maxPayments),
        ...net,
        ...(d.afterFromMonth.trim()
          ? { after: { fromMonth: Number(d.afterFromMonth), rate: rateOf(d.afterRate) } }
          : {}),
      }
    case 'product':
      return {
        ...base,
        event: d.event,
        match: { by: d.matchBy, values: list(d.matchValues) },
        ...(d.pricing === 'rate' ? { rate: rateOf(d.rate) } : { amountPerUnit: moneyOf(d.amount, currency) }),
      }
    case 'multi_level':
      return { ...base, ...net, levels: d.levels.map((l) => ({ rate: rateOf(l.rate), of: l.of })) }
    case 'cap':
      return { ...base, per: d.per, amount: moneyOf(d.amount, currency) }
    case 'bonus':
      return {
        ...base,
        amount: moneyOf(d.amount, currency),
        trigger:
          d.trigger === 'tier'
            ? { tier: { ruleId: d.tierRuleId, tierId: d.tierId } }
            : d.trigger === 'count'
              ? { event: d.event, metric: 'count', threshold: Number(d.threshold) }
              : { event: d.event, metric: 'revenue', threshold: moneyOf(d.threshold, currency) },
      }
  }
}

/** A stored rule as the editor shows it. */
export function fromCoreRule(rule: Json, currency: string): RuleDraft {
  const d = emptyRule((rule.kind as RuleDraft['kind']) ?? 'percentage')
  d.id = String(rule.id ?? newId())
  d.name = String(rule.name ?? '')
  d.event = typeof rule.event === 'string' ? rule.event : 'sale'
  const scope = (rule.scope ?? null) as Json | null
  if (scope && Array.isArray(scope.partnerIds)) {
    d.scopeType = 'partner'
    d.scopeIds = scope.partnerIds.map(String)
  } else if (scope && Array.isArray(scope.groupIds)) {
    d.scopeType = 'group'
    d.scopeIds = scope.groupIds.map(String)
  }
  d.netOfTax = rule.netOfTax === true
  d.netOfShipping = rule.netOfShipping === true
  d.rate = rule.rate ? rateText(rule.rate) : d.rate
  d.amount = rule.amount
    ? moneyText(rule.amount, currency)
    : rule.amountPerUnit
      ? moneyText(rule.amountPerUnit, currency)
      : ''
  if (rule.kind === 'tiered') {
    d.metric = rule.metric === 'count' ? 'count' : 'revenue'
    d.mode = rule.mode === 'marginal' ? 'marginal' : 'whole'
    d.tiers = ((rule.tiers as Json[]) ?? []).map((t) => ({
      id: String(t.id ?? newId()),
      name: String(t.name ?? ''),
      from: d.metric === 'count' ? String(t.from ?? 0) : moneyText(t.from, currency),
      rate: t.rate ? rateText(t.rate) : '',
      amount: t.amount ? moneyText(t.amount, currency) : '',
    }))
  }
  if (rule.kind === 'recurring') {
    d.maxPayments =
      rule.maxPayments === null || rule.maxPayments === undefined ? '' : String(rule.maxPayments)
    const after = rule.after as Json | undefined
    d.afterFromMonth = after ? String(after.fromMonth ?? '') : ''
    d.afterRate = after ? rateText(after.rate) : ''
  }
  if (rule.kind === 'product') {
    const match = (rule.match ?? {}) as Json
    d.matchBy = (match.by as RuleDraft['matchBy']) ?? 'sku'
    d.matchValues = Array.isArray(match.values) ? match.values.join(', ') : ''
    d.pricing = rule.amountPerUnit ? 'amount' : 'rate'
  }
  if (rule.kind === 'multi_level') {
    d.levels = ((rule.levels as Json[]) ?? []).map((l) => ({
      rate: rateText(l.rate),
      of: l.of === 'revenue' ? 'revenue' : 'commission',
    }))
  }
  if (rule.kind === 'cap') d.per = rule.per === 'partner_period' ? 'partner_period' : 'conversion'
  if (rule.kind === 'bonus') {
    const trigger = (rule.trigger ?? {}) as Json
    if (trigger.tier) {
      const tier = trigger.tier as Json
      d.trigger = 'tier'
      d.tierRuleId = String(tier.ruleId ?? '')
      d.tierId = String(tier.tierId ?? '')
    } else {
      d.trigger = trigger.metric === 'revenue' ? 'revenue' : 'count'
      d.event = typeof trigger.event === 'string' ? trigger.event : 'sale'
      d.threshold =
        d.trigger === 'count' ? String(trigger.threshold ?? '') : moneyText(trigger.threshold, currency)
    }
  }
  return d
}

/** core's problems by rule index ("rules/2/tiers/0/from" → 2); problems of the whole set under -1. */
export function problemsByRule<P extends { path: string; message: string }>(
  problems: readonly P[],
): Map<number, P[]> {
  const out = new Map<number, P[]>()
  for (const p of problems) {
    const match = /^rules\/(\d+)/.exec(p.path)
    const index = match ? Number(match[1]) : -1
    out.set(index, [...(out.get(index) ?? []), p])
  }
  return out
}
