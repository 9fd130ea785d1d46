import * as z from 'zod/mini'
import { addDays, daysBetween, isIsoDay } from './iso-day.ts'

/** Inclusive range of calendar days, as the API takes it: { from: 'YYYY-MM-DD', to: 'YYYY-MM-DD' }. */
export interface DateRange {
  readonly from: string
  readonly to: string
}

export type RangePreset = '7d' | '30d' | '90d'

/** What the reader picked: a rolling preset (moves with today) or fixed custom days. */
export type RangeSelection = { readonly preset: RangePreset } | ({ readonly preset: 'custom' } & DateRange)

export const RANGE_PRESETS: readonly {
  readonly id: RangePreset
  readonly label: string
  readonly days: number
}[] = [
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '30d', label: 'Last 30 days', days: 30 },
  { id: '90d', label: 'Last 90 days', days: 90 },
]

/** The longest custom range accepted from a URL (two years); longer links fall back to the default. */
export const MAX_RANGE_DAYS = 731

/** "Last N days" ends today and counts today: last 7 days on 2025-03-10 is 03-04 … 03-10. */
export function presetRange(preset: RangePreset, today: string): DateRange {
  const days = RANGE_PRESETS.find((candidate) => candidate.id === preset)?.days ?? 30
  return { from: addDays(today, -(days - 1)), to: today }
}

export function resolveRange(selection: RangeSelection, today: string): DateRange {
  return selection.preset === 'custom'
    ? { from: selection.from, to: selection.to }
    : presetRange(selection.preset, today)
}

/** Every day of the range, in order. */
export function listDays(range: DateRange): string[] {
  const count = daysBetween(range.from, range.to) + 1
  return Array.from({ length: Math.max(0, count) }, (_, index) => addDays(range.from, index))
}

/** A checked custom range, or a sentence saying what is wrong with it. */
export function validateCustomRange(
  from: string,
  to: string,
): { ok: true; range: DateRange } | { ok: false; error: string } {
  if (!isIsoDay(from) || !isIsoDay(to)) return { ok: false, error: 'Pick a start and an end day.' }
  if (daysBetween(from, to) < 0)
    return { ok: false, error: 'The start day must be on or before the end day.' }
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    return { ok: false, error: `Pick at most ${MAX_RANGE_DAYS} days.` }
  }
  return { ok: true, range: { from, to } }
}

// zod/mini: the same parser in a fraction of the browser bundle.
const isoDay = z.string().check(z.refine(isIsoDay))
const presetSearch = z.object({ range: z.enum(['7d', '30d', '90d']) })
// ?from=…&to=… alone (a link written by hand or by a test) is a custom range too.
const customSearch = z.object({ range: z.optional(z.literal('custom')), from: isoDay, to: isoDay })

/**
 * Reads the range from a page URL (?range=30d, or ?from=…&to=… with an optional range=custom). A missing or
 * malformed value (hand-edited link) falls back to `fallback` instead of failing the page.
 */
export function rangeFromSearch(params: URLSearchParams, fallback: RangePreset = '30d'): RangeSelection {
  const raw = {
    range: params.get('range') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  }
  const preset = presetSearch.safeParse(raw)
  if (preset.success) return { preset: preset.data.range }
  const custom = customSearch.safeParse(raw)
  if (custom.success && validateCustomRange(custom.data.from, custom.data.to).ok) {
    return { preset: 'custom', from: custom.data.from, to: custom.data.to }
  }
  return { preset: fallback }
}

/** Writes the range into a copy of `params`, removing what the other kind of selection used. */
export function rangeToSearch(selection: RangeSelection, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params)
  next.set('range', selection.preset)
  if (selection.preset === 'custom') {
    next.set('from', selection.from)
    next.set('to', selection.to)
  } else {
    next.delete('from')
    next.delete('to')
  }
  return next
}
