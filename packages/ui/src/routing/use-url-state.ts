import { useCallback } from 'react'
import { useSearchParams } from 'react-router'
import { type RangePreset, type RangeSelection, rangeFromSearch, rangeToSearch } from '../dates/date-range.ts'

/**
 * The page's date range, kept in the URL (?range=7d or ?from=…&to=…) so a reload, a bookmark or
 * a shared link shows the same numbers. Changing it replaces the history entry.
 */
export function useRangeSearch(
  fallback: RangePreset = '30d',
): [RangeSelection, (next: RangeSelection) => void] {
  const [params, setParams] = useSearchParams()
  const selection = rangeFromSearch(params, fallback)
  const setSelection = useCallback(
    (next: RangeSelection) => setParams((current) => rangeToSearch(next, current), { replace: true }),
    [setParams],
  )
  return [selection, setSelection]
}

/**
 * One raw query-string value and its setter (null or '' removes it). Callers parse the raw value
 * (zod) before use: a URL is outside input.
 */
export function useSearchParam(key: string): [string | null, (value: string | null) => void] {
  const [params, setParams] = useSearchParams()
  const setValue = useCallback(
    (value: string | null) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current)
          if (value === null || value === '') next.delete(key)
          else next.set(key, value)
          return next
        },
        { replace: true },
      ),
    [key, setParams],
  )
  return [params.get(key), setValue]
}
