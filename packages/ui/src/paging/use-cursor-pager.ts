import { useCallback, useReducer } from 'react'
import {
  currentPager,
  cursorPagerReducer,
  initialCursorPager,
  pagerCursor,
  pagerPage,
} from './cursor-pager.ts'

export interface CursorPager {
  /** Cursor for the page on screen; undefined on the first page. */
  readonly cursor: string | undefined
  readonly page: number
  readonly hasPrevious: boolean
  next(cursor: string): void
  previous(): void
  reset(): void
}

/** Previous / Next paging over an API cursor; changing `key` (the filters) goes back to page 1. */
export function useCursorPager(key: string): CursorPager {
  const [state, dispatch] = useReducer(cursorPagerReducer, key, initialCursorPager)
  const current = currentPager(state, key)
  const next = useCallback((cursor: string) => dispatch({ type: 'next', key, cursor }), [key])
  const previous = useCallback(() => dispatch({ type: 'previous', key }), [key])
  const reset = useCallback(() => dispatch({ type: 'reset', key }), [key])
  return {
    cursor: pagerCursor(current),
    page: pagerPage(current),
    hasPrevious: current.cursors.length > 1,
    next,
    previous,
    reset,
  }
}
