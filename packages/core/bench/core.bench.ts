/**
 * Conversions per second through attribute() + computeCommissions(), on one core.
 * Run: pnpm bench:core (root) or pnpm --filter @tandem/core bench.
 * Inputs vary (1,024 different conversions and click sets per case); the rule set is one object,
 * compiled once, as the tracker keeps it. Every result is consumed (amounts and explanation
 * lengths), so nothing can be optimised away. Each case is warmed up, then timed; the simple case
 * is timed once more at the end, with the JIT state of a mixed workload. The median of several
 * timed rounds is printed per second of wall-clock time and per second of CPU time (the fairer
 * figure when other processes load the machine), with the ratio to the target of 1,000,000/s.
 */
import {
  type AttributionInput,
  type AttributionSettings,
  attribute,
  type CommissionPartner,
  type CommissionRule,
  type ConversionFacts,
  computeCommissions,
  type Money,
  type RuleSet,
} from '../src/index.ts'

const ROUNDS = 9
const TARGET = 1_000_000
const ROUND_MS = 700
const NOW = new Date('2024-06-30T12:00:00.000Z')
const DAY = 86_400_000
const EUR = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' })
const VARIANTS = 1024

const settings: AttributionSettings = {
  model: 'last_click',
  windowDays: 30,
  halfLifeDays: 7,
  couponPrecedence: 'coupon_first',
  lifetimeMonths: null,
  selfReferral: 'flag',
}

interface Case {
  readonly name: string
  readonly attribution: AttributionInput[]
  readonly conversions: ConversionFacts[]
  readonly ruleSet: RuleSet
  readonly partners: Record<string, CommissionPartner>
}

function simpleCase(): Case {
  const ruleSet: RuleSet = {
    currency: 'EUR',
    rules: [
      {
        kind: 'percentage',
        id: 'base',
        name: 'Default 10%',
        event: 'sale',
        rate: { bps: 1000 },
        netOfTax: true,
      },
    ],
  }
  const attribution: AttributionInput[] = []
  const conversions: ConversionFacts[] = []
  for (let i = 0; i < VARIANTS; i++) {
    attribution.push({
      clicks: [
        { clickId: `c${i}`, partnerId: 'p1', linkId: 'l1', at: new Date(NOW.getTime() - (i % 20) * DAY) },
      ],
      settings,
      partners: { p1: { status: 'active' } },
      customer: { emailHash: `e${i}` },
      now: NOW,
    })
    const amount = 1_000 + i * 37
    conversions.push({
      event: 'sale',
      amount: EUR(amount),
      tax: EUR(Math.floor(amount / 6)),
      occurredAt: NOW,
    })
  }
  return {
    name: 'simple (1 click, 1 percentage rule)',
    attribution,
    conversions,
    ruleSet,
    partners: { p1: { status: 'active' } },
  }
}

function realisticCase(): Case {
  const rules: CommissionRule[] = [
    {
      kind: 'percentage',
      id: 'base',
      name: 'Default 10%',
      event: 'sale',
      rate: { bps: 1000 },
      netOfTax: true,
      netOfShipping: true,
    },
    {
      kind: 'percentage',
      id: 'vip',
      name: 'VIP 15%',
      event: 'sale',
      rate: { bps: 1500 },
      netOfTax: true,
      scope: { partnerIds: ['p3'] },
    },
    {
      kind: 'tiered',
      id: 'gold',
      name: 'Gold tiers',
      event: 'sale',
      metric: 'revenue',
      mode: 'marginal',
      netOfTax: true,
      scope: { groupIds: ['gold'] },
      tiers: [
        { id: 't0', name: 'Silver', from: EUR(0), rate: { bps: 1000 } },
        { id: 't1', name: 'Gold', from: EUR(500_000), rate: { bps: 1250 } },
        { id: 't2', name: 'Platinum', from: EUR(2_000_000), rate: { bps: 1500 } },
      ],
    },
    { kind: 'flat', id: 'cpl', name: 'CPL', event: 'lead', amount: EUR(300) },
    { kind: 'recurring', id: 'saas', name: 'SaaS', event: 'sale', rate: { bps: 3000 }, maxPayments: 12 },
    {
      kind: 'product',
      id: 'gift',
      name: 'Gift cards',
      event: 'sale',
      match: { by: 'category', values: ['gift'] },
      rate: { bps: 0 },
    },
    {
      kind: 'product',
      id: 'books',
      name: 'Books',
      event: 'sale',
      match: { by: 'category', values: ['books'] },
      rate: { bps: 500 },
    },
    {
      kind: 'product',
      id: 'promo',
      name: 'Promo SKU',
      event: 'sale',
      match: { by: 'sku', values: ['SKU-7'] },
      amountPerUnit: EUR(200),
    },
    {
      kind: 'multi_level',
      id: 'network',
      name: 'Network',
      levels: [
        { rate: { bps: 1000 }, of: 'commission' },
        { rate: { bps: 100 }, of: 'revenue' },
      ],
    },
    { kind: 'cap', id: 'cap', name: 'Max 250 per order', per: 'conversion', amount: EUR(25_000) },
    { kind: 'cap', id: 'month', name: 'Monthly 5k', per: 'partner_period', amount: EUR(500_000) },
    {
      kind: 'bonus',
      id: 'b-gold',
      name: 'Gold bonus',
      amount: EUR(10_000),
      trigger: { tier: { ruleId: 'gold', tierId: 't1' } },
    },
  ]
  const partners: Record<string, CommissionPartner> = {
    p1: {
      status: 'active',
      groupId: 'gold',
      parentIds: ['m1', 'm2'],
      period: { conversions: 40, revenue: EUR(480_000), commission: EUR(50_000) },
    },
    p2: {
      status: 'active',
      groupId: 'gold',
      parentIds: ['m1'],
      period: { conversions: 3, revenue: EUR(30_000), commission: EUR(3_000) },
    },
    p3: { status: 'active', parentIds: ['m2'] },
    m1: { status: 'active', parentIds: ['m2'] },
    m2: { status: 'active' },
  }
  const attributionPartners = {
    p1: { status: 'active' as const },
    p2: { status: 'active' as const },
    p3: { status: 'active' as const },
  }
  const attribution: AttributionInput[] = []
  const conversions: ConversionFacts[] = []
  for (let i = 0; i < VARIANTS; i++) {
    attribution.push({
      clicks: [
        { clickId: `a${i}`, partnerId: 'p1', linkId: 'l1', at: new Date(NOW.getTime() - 9 * DAY) },
        { clickId: `b${i}`, partnerId: 'p2', linkId: 'l2', at: new Date(NOW.getTime() - 4 * DAY) },
        {
          clickId: `c${i}`,
          partnerId: i % 3 === 0 ? 'p3' : 'p1',
          linkId: 'l3',
          at: new Date(NOW.getTime() - DAY),
        },
      ],
      settings: { ...settings, model: 'position_based' },
      partners: attributionPartners,
      customer: { emailHash: `e${i}`, ipHash: `ip${i}` },
      now: NOW,
    })
    const items = [
      { sku: 'SKU-7', productId: 'p7', category: 'toys', quantity: 2, amount: EUR(4_000 + i) },
      { sku: 'BK-1', productId: 'b1', category: 'books', quantity: 1, amount: EUR(2_500) },
      { sku: 'GC-50', productId: 'gc', category: 'gift', quantity: 1, amount: EUR(5_000) },
      { sku: 'MISC', productId: 'm', category: 'misc', quantity: 3, amount: EUR(3_300 + i * 3) },
    ]
    const net = items.reduce((sum, item) => sum + item.amount.amountMinor, 0)
    conversions.push({
      event: 'sale',
      amount: EUR(net + 1_000 + Math.floor(net / 5)),
      tax: EUR(Math.floor(net / 5)),
      shipping: EUR(1_000),
      lineItems: items,
      occurredAt: NOW,
    })
  }
  return {
    name: 'realistic (3 clicks position-based, tiers, product rules, 2 levels, caps, bonus)',
    attribution,
    conversions,
    ruleSet: { currency: 'EUR', rules },
    partners,
  }
}

let sink = 0

function evaluate(bench: Case, i: number): void {
  const index = i & (VARIANTS - 1)
  const attributed = attribute(bench.attribution[index]!)
  const result = computeCommissions({
    conversion: bench.conversions[index]!,
    shares: attributed.shares,
    ruleSet: bench.ruleSet,
    partners: bench.partners,
  })
  // `| 0` keeps the checksum a small integer: a growing float would cost an allocation per update.
  sink = (sink + attributed.explanation.length) | 0
  for (const line of result.lines) sink = (sink + line.amount.amountMinor + line.explanation.length) | 0
}

/** One timed round: conversions per second of wall-clock time and per second of CPU time. */
function round(bench: Case): { wall: number; cpu: number } {
  let count = 0
  const start = performance.now()
  const cpuStart = process.cpuUsage()
  let elapsed = 0
  while (elapsed < ROUND_MS) {
    for (let i = 0; i < 1_000; i++) evaluate(bench, count + i)
    count += 1_000
    elapsed = performance.now() - start
  }
  const cpu = process.cpuUsage(cpuStart)
  const cpuMs = (cpu.user + cpu.system) / 1_000
  return { wall: (count / elapsed) * 1_000, cpu: (count / cpuMs) * 1_000 }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

const format = (value: number) => Math.round(value).toLocaleString('en-US')
const ratio = (value: number) => `${(value / TARGET).toFixed(2)}×`

function report(label: string, bench: Case): void {
  const rounds: { wall: number; cpu: number }[] = []
  for (let r = 0; r < ROUNDS; r++) rounds.push(round(bench))
  const wall = rounds.map((r) => r.wall)
  // CPU time excludes time the process waited for a core, so it is the fairer figure on a busy machine.
  const cpu = rounds.map((r) => r.cpu)
  console.log(
    `${label}\n` +
      `  wall clock: median ${format(median(wall))}/s (min ${format(Math.min(...wall))}, max ${format(Math.max(...wall))}), ${ratio(median(wall))} the target\n` +
      `  CPU time:   median ${format(median(cpu))} per CPU-second (min ${format(Math.min(...cpu))}, max ${format(Math.max(...cpu))}), ${ratio(median(cpu))} the target`,
  )
}

console.log(`${ROUNDS} rounds of ${ROUND_MS} ms per line; target ${format(TARGET)} conversions/s on one core`)
const simple = simpleCase()
const realistic = realisticCase()
round(simple) // warm-up: JIT and the rule-set compile cache
report(simple.name, simple)
round(realistic)
report(realistic.name, realistic)
// A tracker sees both kinds: the JIT has now seen varied rule sets and inputs, which costs the simple case.
report(`${simple.name}, again after the realistic case (mixed workload)`, simple)
if (sink === 0.5) console.log(sink) // never true: only keeps the results alive
