import { z } from 'zod'
import { checkDayRange, dayRangeShape, moneySchema, textSchema } from './common.ts'

const paramValue = textSchema(255).optional()

/** links.create: the link builder. */
export const createLinkInput = z.object({
  programId: z.uuid('Choose a program'),
  /** Any page on the program's domains (deep link); the program's landing page when left out. */
  destinationUrl: z
    .string()
    .trim()
    .max(2048)
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  /** A custom alias: what follows /r/ in the tracking URL. */
  alias: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  name: textSchema(120).optional(),
  params: z
    .object({
      sub1: paramValue,
      sub2: paramValue,
      sub3: paramValue,
      sub4: paramValue,
      sub5: paramValue,
      utm_source: paramValue,
      utm_medium: paramValue,
      utm_campaign: paramValue,
      utm_term: paramValue,
      utm_content: paramValue,
    })
    .optional(),
})
export const createLinkOutput = z.object({ id: z.number().int(), code: z.string(), trackingUrl: z.string() })

export const linkIdInput = z.object({ linkId: z.number().int().positive().max(2_147_483_647) })
export const setLinkStatusInput = linkIdInput.extend({ status: z.enum(['active', 'paused']) })
export const setLinkStatusOutput = z.object({ changed: z.boolean() })

/** links.programs: where the partner may make links. */
export const linkProgramsOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['affiliate', 'referral']),
    allowedDomains: z.array(z.string()),
    subdomains: z.boolean(),
    defaultLandingUrl: z.string(),
  }),
)

/** links.get: one of the partner's links. */
export const linkDetailOutput = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string().nullable(),
  programId: z.string(),
  programName: z.string(),
  trackingUrl: z.string(),
  destinationUrl: z.string(),
  status: z.enum(['active', 'paused']),
  params: z.record(z.string(), z.string()),
  createdAt: z.iso.datetime(),
})

/** links.stats: per link, or per sub-id value (of all links or one). */
export const linkStatsInput = z
  .object({
    ...dayRangeShape,
    by: z.enum(['link', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5']).default('link'),
    linkId: z.number().int().positive().max(2_147_483_647).optional(),
  })
  .superRefine(checkDayRange)

export const linkStatsRowSchema = z.object({
  /** The link id, or the sub-id's value ('' for clicks without one). */
  key: z.string(),
  /** For rows by link: the link's name or code (null for a link not the partner's). */
  label: z.string().nullable(),
  clicks: z.number().int(),
  uniqueClicks: z.number().int(),
  conversions: z.number().int(),
  /** conversions ÷ clicks, 0 when there were no clicks. */
  conversionRate: z.number(),
  earnings: z.array(moneySchema),
  /** Earnings per click in `currency` (minor units, may be fractional); null without clicks. */
  epcMinor: z.number().nullable(),
})
export const linkStatsOutput = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(['link', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5']),
  /** The currency of epcMinor (the partner's main earning currency in the rows); null when none. */
  currency: z.string().nullable(),
  rows: z.array(linkStatsRowSchema),
  totals: linkStatsRowSchema.omit({ key: true, label: true }),
})
