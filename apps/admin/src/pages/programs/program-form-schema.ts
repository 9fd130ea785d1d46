import type { AdminInputs, AdminOutputs } from '@tandem/api'
import { z } from 'zod'
import { formatMajor, parseMajor } from '../../kit/money-input.ts'

type Program = AdminOutputs['programs']['get']
export type CreateProgram = AdminInputs['programs']['create']
export type UpdateProgram = AdminInputs['programs']['update']

const int = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${label}: enter a whole number`)
    .refine((v) => Number(v) >= min && Number(v) <= max, `${label}: between ${min} and ${max}`)

const optionalInt = (label: string, min: number, max: number) =>
  z.union([z.literal(''), int(label, min, max)])

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i')
    return true
  } catch {
    return false
  }
}

/** The program form as typed: every number a string, checked here so errors show inline. */
export const programFormSchema = z
  .object({
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/, '3-48 lower-case letters, digits or dashes'),
    name: z.string().trim().min(1, 'Give the program a name').max(120, 'At most 120 characters'),
    kind: z.enum(['affiliate', 'referral']),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, 'A 3-letter ISO 4217 code such as EUR'),
    allowedDomains: z
      .string()
      .refine((v) => domainsOf(v).length > 0, 'Name at least one domain')
      .refine(
        (v) =>
          domainsOf(v).every((d) =>
            /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(d),
          ),
        'Host names only, such as shop.example.com (no https:// or path)',
      ),
    defaultLandingUrl: z
      .string()
      .trim()
      .refine((v) => /^https?:\/\/[^\s]+$/.test(v), 'An http(s) URL such as https://shop.example.com/'),
    deepLinkSubdomains: z.boolean(),
    clickParam: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,31}$/, '1-32 lower-case letters, digits or _'),
    cookieDays: int('Cookie days', 1, 3650),
    holdDays: int('Hold days', 0, 365),
    roundingMode: z.enum(['half-even', 'half-up', 'down', 'up']),
    model: z.enum(['last_click', 'first_click', 'linear', 'time_decay', 'position_based']),
    windowDays: optionalInt('Window', 0, 3650),
    halfLifeDays: int('Half-life', 1, 3650),
    couponPrecedence: z.enum(['coupon_first', 'click_first']),
    lifetime: z.union([z.literal(''), z.literal('forever'), int('Lifetime', 0, 1200)]),
    selfReferral: z.enum(['block', 'flag', 'allow']),
    payoutThreshold: z.string().trim(),
    payoutSchedule: z.enum(['manual', 'weekly', 'monthly']),
    pixelConversions: z.enum(['on', 'confirm', 'off']),
    maxConversionAmount: z.string().trim(),
    rejectedClicks: z.enum(['keep_unattributed', 'refuse']),
    reviewScore: optionalInt('Review score', 0, 100),
    blockScore: optionalInt('Block score', 0, 100),
    botPatterns: z
      .string()
      .refine((v) => linesOf(v).length <= 50, 'At most 50 patterns')
      .refine((v) => linesOf(v).every(compiles), 'Each line must be a valid regular expression')
      .refine((v) => linesOf(v).every((p) => p.length <= 200), 'At most 200 characters a pattern'),
    maxClicksPerIp: optionalInt('Clicks per IP', 1, 100_000),
    floodWindowMinutes: optionalInt('Window', 1, 10_080),
    minSeconds: optionalInt('Seconds', 0, 86_400),
  })
  .superRefine((v, ctx) => {
    const currency = v.currency.toUpperCase()
    if (parseMajor(v.payoutThreshold || '0', currency) === null)
      ctx.addIssue({
        code: 'custom',
        path: ['payoutThreshold'],
        message: `An amount in ${currency}, such as 50.00`,
      })
    if (v.maxConversionAmount && parseMajor(v.maxConversionAmount, currency) === null)
      ctx.addIssue({
        code: 'custom',
        path: ['maxConversionAmount'],
        message: `An amount in ${currency}, or empty`,
      })
    if (v.reviewScore && v.blockScore && Number(v.blockScore) < Number(v.reviewScore))
      ctx.addIssue({ code: 'custom', path: ['blockScore'], message: 'Block at or above the review score' })
  })
export type ProgramFormValues = z.input<typeof programFormSchema>

export function domainsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean)
}

function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
}

export const EMPTY_PROGRAM: ProgramFormValues = {
  slug: '',
  name: '',
  kind: 'affiliate',
  currency: 'EUR',
  allowedDomains: '',
  defaultLandingUrl: 'https://',
  deepLinkSubdomains: false,
  clickParam: 'tclid',
  cookieDays: '30',
  holdDays: '30',
  roundingMode: 'half-even',
  model: 'last_click',
  windowDays: '',
  halfLifeDays: '7',
  couponPrecedence: 'coupon_first',
  lifetime: '',
  selfReferral: 'flag',
  payoutThreshold: '50.00',
  payoutSchedule: 'manual',
  pixelConversions: 'on',
  maxConversionAmount: '',
  rejectedClicks: 'keep_unattributed',
  reviewScore: '',
  blockScore: '',
  botPatterns: '',
  maxClicksPerIp: '',
  floodWindowMinutes: '',
  minSeconds: '',
}

const str = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '')
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {})

/** A stored program as the form shows it. */
export function formValuesOf(p: Program): ProgramFormValues {
  const a = obj(p.attribution)
  const f = obj(p.fraud)
  const bot = obj(f.botUserAgent)
  const flood = obj(f.clickFlood)
  const fast = obj(f.fastConversion)
  return {
    slug: p.slug,
    name: p.name,
    kind: p.kind,
    currency: p.currency,
    allowedDomains: p.allowedDomains.join('\n'),
    defaultLandingUrl: p.defaultLandingUrl,
    deepLinkSubdomains: p.deepLinkSubdomains,
    clickParam: p.clickParam,
    cookieDays: String(p.cookieDays),
    holdDays: String(p.holdDays),
    roundingMode: p.roundingMode,
    model: (a.model as ProgramFormValues['model']) ?? 'last_click',
    windowDays: str(a.windowDays),
    halfLifeDays: str(a.halfLifeDays ?? 7),
    couponPrecedence: (a.couponPrecedence as ProgramFormValues['couponPrecedence']) ?? 'coupon_first',
    lifetime: a.lifetimeMonths === 'forever' ? 'forever' : str(a.lifetimeMonths),
    selfReferral: (a.selfReferral as ProgramFormValues['selfReferral']) ?? 'flag',
    payoutThreshold: formatMajor(p.payoutThresholdMinor, p.currency),
    payoutSchedule: p.payoutSchedule,
    pixelConversions: p.pixelConversions,
    maxConversionAmount:
      p.maxConversionAmountMinor === null ? '' : formatMajor(p.maxConversionAmountMinor, p.currency),
    rejectedClicks: p.rejectedClicks,
    reviewScore: str(f.reviewScore),
    blockScore: str(f.blockScore),
    botPatterns: Array.isArray(bot.extraPatterns) ? bot.extraPatterns.join('\n') : '',
    maxClicksPerIp: str(flood.maxClicksPerIpPerLink),
    floodWindowMinutes: str(flood.windowMinutes),
    minSeconds: str(fast.minSeconds),
  }
}

/** The settings both create and update send (program-level fields only). */
export function settingsOf(v: ProgramFormValues, existing?: Program) {
  const currency = v.currency.toUpperCase()
  const num = (s: string) => (s === '' ? undefined : Number(s))
  const attribution = {
    model: v.model,
    ...(v.windowDays ? { windowDays: Number(v.windowDays) } : {}),
    halfLifeDays: Number(v.halfLifeDays),
    couponPrecedence: v.couponPrecedence,
    lifetimeMonths:
      v.lifetime === '' ? null : v.lifetime === 'forever' ? ('forever' as const) : Number(v.lifetime),
    selfReferral: v.selfReferral,
  }
  // Fraud parts the form does not show are kept as they are.
  const stored = obj(existing?.fraud)
  const patterns = linesOf(v.botPatterns)
  const fraud: Record<string, unknown> = { ...stored }
  const setOrDrop = (key: string, value: unknown) => {
    if (value === undefined) delete fraud[key]
    else fraud[key] = value
  }
  setOrDrop('reviewScore', num(v.reviewScore))
  setOrDrop('blockScore', num(v.blockScore))
  fraud.botUserAgent = { ...obj(stored.botUserAgent), extraPatterns: patterns }
  const flood = { ...obj(stored.clickFlood) }
  if (v.maxClicksPerIp) flood.maxClicksPerIpPerLink = Number(v.maxClicksPerIp)
  else delete flood.maxClicksPerIpPerLink
  if (v.floodWindowMinutes) flood.windowMinutes = Number(v.floodWindowMinutes)
  else delete flood.windowMinutes
  fraud.clickFlood = flood
  const fast = { ...obj(stored.fastConversion) }
  if (v.minSeconds) fast.minSeconds = Number(v.minSeconds)
  else delete fast.minSeconds
  fraud.fastConversion = fast
  return {
    name: v.name.trim(),
    allowedDomains: domainsOf(v.allowedDomains),
    defaultLandingUrl: v.defaultLandingUrl.trim(),
    deepLinkSubdomains: v.deepLinkSubdomains,
    clickParam: v.clickParam.trim(),
    cookieDays: Number(v.cookieDays),
    holdDays: Number(v.holdDays),
    roundingMode: v.roundingMode,
    attribution,
    fraud,
    payoutThresholdMinor: parseMajor(v.payoutThreshold || '0', currency) ?? 0,
    payoutSchedule: v.payoutSchedule,
    pixelConversions: v.pixelConversions,
    maxConversionAmountMinor: v.maxConversionAmount ? parseMajor(v.maxConversionAmount, currency) : null,
    rejectedClicks: v.rejectedClicks,
  }
}

export function createInputOf(v: ProgramFormValues): CreateProgram {
  return { ...settingsOf(v), slug: v.slug.trim(), kind: v.kind, currency: v.currency.toUpperCase() }
}

/** Server field names → form field names, for the server's per-field problems. */
export const SERVER_FIELD: Record<string, string> = {
  payoutThresholdMinor: 'payoutThreshold',
  maxConversionAmountMinor: 'maxConversionAmount',
  'attribution.windowDays': 'windowDays',
  'attribution.halfLifeDays': 'halfLifeDays',
  'attribution.lifetimeMonths': 'lifetime',
  'fraud.reviewScore': 'reviewScore',
  'fraud.blockScore': 'blockScore',
  'fraud.clickFlood.maxClicksPerIpPerLink': 'maxClicksPerIp',
  'fraud.clickFlood.windowMinutes': 'floodWindowMinutes',
  'fraud.fastConversion.minSeconds': 'minSeconds',
}
