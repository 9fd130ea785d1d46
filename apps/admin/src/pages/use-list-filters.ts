import { resolveRange, useRangeSearch, useSearchParam, utcIsoDay } from '@tandem/ui'
import { parseOption, parseUuid } from '../search-values.ts'

/**
 * The filters the admin lists share, kept in the query string: a date range (last 30 days by
 * default), a program and one of the list's statuses. Bad values in the URL count as "not set".
 */
export function useListFilters<Status extends string>(statuses: readonly Status[]) {
  const today = utcIsoDay(new Date())
  const [selection, setSelection] = useRangeSearch('30d')
  const [rawProgram, setProgram] = useSearchParam('program')
  const [rawStatus, setStatus] = useSearchParam('status')
  return {
    today,
    selection,
    setSelection,
    range: resolveRange(selection, today),
    programId: parseUuid(rawProgram),
    setProgram,
    status: parseOption(rawStatus, statuses),
    setStatus,
  }
}
