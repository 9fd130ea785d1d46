import { z } from 'zod'
import { checkDayRange, dayRangeShape, moneySchema, uuidSchema } from './common.ts'

export const REPORT_COLUMNS = [
  'clicks',
  'uniqueClicks',
  'conversions',
  'conversionRate',
  'revenue',
  'commission',
  'epc',
  'refunds',
] as const

export const reportInput = z
  .object({
    dimension: z.enum(['partner', 'link', 'subid', 'day', 'program']),
    ...dayRangeShape,
    programId: uuidSchema,
    partnerId: uuidSchema.optional(),
    sort: z
      .enum(['key', 'clicks', 'unique_clicks', 'conversions', 'revenue', 'commission', 'refunds'])
      .default('clicks'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    page: z.number().int().min(0).max(10_000).default(0),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .superRefine(checkDayRange)

export const reportOutput = z.object({
  currency: z.string(),
  total: z.number().int(),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      clicks: z.number().int(),
      uniqueClicks: z.number().int(),
      conversions: z.number().int(),
      /** Conversions per unique click, 0…1 (null without clicks). */
      conversionRate: z.number().nullable(),
      revenue: moneySchema,
      commission: moneySchema,
      /** Earnings (commission) per click, minor units, rounded down (null without clicks). */
      epc: moneySchema.nullable(),
      refunds: moneySchema,
    }),
  ),
})

export const reportCsvInput = z
  .object({
    dimension: z.enum(['partner', 'link', 'subid', 'day', 'program']),
    ...dayRangeShape,
    programId: uuidSchema,
    partnerId: uuidSchema.optional(),
    sort: z
      .enum(['key', 'clicks', 'unique_clicks', 'conversions', 'revenue', 'commission', 'refunds'])
      .default('clicks'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    /** The columns shown on screen, in their order. */
    columns: z.array(z.enum(REPORT_COLUMNS)).min(1, 'Show at least one column').max(REPORT_COLUMNS.length),
  })
  .superRefine(checkDayRange)

export const reportCsvOutput = z.object({ filename: z.string(), content: z.string(), rows: z.number().int() })
