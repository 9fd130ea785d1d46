import { describe, expect, it } from 'vitest'
import {
  listDays,
  presetRange,
  rangeFromSearch,
  rangeToSearch,
  resolveRange,
  validateCustomRange,
} from './date-range.ts'
import { fillDays } from './fill-days.ts'
import { addDays, daysBetween, isIsoDay, localIsoDay, utcIsoDay } from './iso-day.ts'

describe('presetRange', () => {
  it('counts today as the last day of the range', () => {
    expect(presetRange('7d', '2025-03-10')).toEqual({ from: '2025-03-04', to: '2025-03-10' })
    expect(presetRange('30d', '2025-03-10')).toEqual({ from: '2025-02-09', to: '2025-03-10' })
    expect(presetRange('90d', '2025-03-10')).toEqual({ from: '2024-12-11', to: '2025-03-10' })
  })

  it('has exactly as many days as its name says', () => {
    for (const [preset, days] of [
      ['7d', 7],
      ['30d', 30],
      ['90d', 90],
    ] as const) {
      expect(listDays(presetRange(preset, '2024-03-31'))).toHaveLength(days)
    }
  })

  it('crosses month, year, leap-day and DST boundaries by calendar days', () => {
    expect(presetRange('7d', '2024-03-02')).toEqual({ from: '2024-02-25', to: '2024-03-02' })
    expect(presetRange('7d', '2025-01-03')).toEqual({ from: '2024-12-28', to: '2025-01-03' })
    expect(presetRange('7d', '2025-03-31')).toEqual({ from: '2025-03-25', to: '2025-03-31' })
  })
})

describe('custom ranges', () => {
  it('resolves a custom selection to its own days', () => {
    expect(resolveRange({ preset: 'custom', from: '2025-01-01', to: '2025-01-31' }, '2025-06-01')).toEqual({
      from: '2025-01-01',
      to: '2025-01-31',
    })
  })

  it('rejects reversed, malformed and over-long ranges with a sentence', () => {
    expect(validateCustomRange('2025-02-01', '2025-01-01')).toEqual({
      ok: false,
      error: 'The start day must be on or before the end day.',
    })
    expect(validateCustomRange('2025-02-30', '2025-03-01').ok).toBe(false)
    expect(validateCustomRange('2020-01-01', '2025-01-01').ok).toBe(false)
    expect(validateCustomRange('2025-01-01', '2025-01-01')).toEqual({
      ok: true,
      range: { from: '2025-01-01', to: '2025-01-01' },
    })
  })
})

describe('range in the URL', () => {
  it('reads presets and custom ranges', () => {
    expect(rangeFromSearch(new URLSearchParams('range=7d'))).toEqual({ preset: '7d' })
    expect(rangeFromSearch(new URLSearchParams('range=custom&from=2025-01-01&to=2025-01-31'))).toEqual({
      preset: 'custom',
      from: '2025-01-01',
      to: '2025-01-31',
    })
  })

  it('reads bare from/to as a custom range', () => {
    expect(rangeFromSearch(new URLSearchParams('from=2025-01-01&to=2025-03-31'))).toEqual({
      preset: 'custom',
      from: '2025-01-01',
      to: '2025-03-31',
    })
    expect(rangeFromSearch(new URLSearchParams('from=2025-01-01'))).toEqual({ preset: '30d' })
  })

  it('falls back to the default for missing or hand-edited values', () => {
    expect(rangeFromSearch(new URLSearchParams(''))).toEqual({ preset: '30d' })
    expect(rangeFromSearch(new URLSearchParams('range=365d'), '7d')).toEqual({ preset: '7d' })
    expect(rangeFromSearch(new URLSearchParams('range=custom&from=2025-13-01&to=2025-01-31'))).toEqual({
      preset: '30d',
    })
    expect(rangeFromSearch(new URLSearchParams('range=custom&from=2025-02-01&to=2025-01-01'))).toEqual({
      preset: '30d',
    })
  })

  it('round-trips and keeps other parameters', () => {
    const custom = { preset: 'custom', from: '2025-01-01', to: '2025-01-31' } as const
    const written = rangeToSearch(custom, new URLSearchParams('program=p1&range=7d'))
    expect(written.get('program')).toBe('p1')
    expect(rangeFromSearch(written)).toEqual(custom)
    const back = rangeToSearch({ preset: '90d' }, written)
    expect(back.toString()).toBe('program=p1&range=90d')
  })
})

describe('days', () => {
  it('checks calendar days', () => {
    expect(isIsoDay('2024-02-29')).toBe(true)
    expect(isIsoDay('2025-02-29')).toBe(false)
    expect(isIsoDay('2025-1-01')).toBe(false)
  })

  it('adds and counts days', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
    expect(daysBetween('2025-01-01', '2025-03-01')).toBe(59)
    expect(localIsoDay(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05')
    expect(utcIsoDay(new Date(Date.UTC(2025, 0, 5, 23, 59)))).toBe('2025-01-05')
  })

  it('fills days without rows and drops rows outside the range', () => {
    const rows = [
      { day: '2025-01-02', clicks: 5 },
      { day: '2025-01-09', clicks: 1 },
    ]
    expect(fillDays({ from: '2025-01-01', to: '2025-01-03' }, rows, (day) => ({ day, clicks: 0 }))).toEqual([
      { day: '2025-01-01', clicks: 0 },
      { day: '2025-01-02', clicks: 5 },
      { day: '2025-01-03', clicks: 0 },
    ])
  })
})
