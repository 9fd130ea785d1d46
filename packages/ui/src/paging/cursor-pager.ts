/**
 * Cursor paging with Previous / Next: the API hands back `nextCursor`; we remember the cursor
 * that opened each page we visited, so Previous needs no backwards cursor from the server.
 * `key` names the filters the pages belong to: when it changes, paging restarts at page 1.
 */
export interface CursorPagerState {
  readonly key: string
  /** cursors[i] opened page i + 1; the first page has no cursor. */
  readonly cursors: readonly (string | null)[]
}

export type CursorPagerAction =
  | { readonly type: 'next'; readonly key: string; readonly cursor: string }
  | { readonly type: 'previous'; readonly key: string }
  | { readonly type: 'reset'; readonly key: string }

export function initialCursorPager(key: string): CursorPagerState {
  return { key, cursors: [null] }
}

/** The state as seen under the current filters: a stale key means we are back on page 1. */
export function currentPager(state: CursorPagerState, key: string): CursorPagerState {
  return state.key === key ? state : initialCursorPager(key)
}

export function cursorPagerReducer(state: CursorPagerState, action: CursorPagerAction): CursorPagerState {
  const current = currentPager(state, action.key)
  switch (action.type) {
    case 'next':
      return { key: action.key, cursors: [...current.cursors, action.cursor] }
    case 'previous':
      return current.cursors.length > 1 ? { key: action.key, cursors: current.cursors.slice(0, -1) } : current
    case 'reset':
      return initialCursorPager(action.key)
  }
}

/** The cursor to send for the page on screen (undefined on page 1). */
export function pagerCursor(state: CursorPagerState): string | undefined {
  return state.cursors[state.cursors.length - 1] ?? undefined
}

/** 1-based page number. */
export function pagerPage(state: CursorPagerState): number {
  return state.cursors.length
}
