import { describe, expect, it } from 'vitest'
import {
  currentPager,
  cursorPagerReducer,
  initialCursorPager,
  pagerCursor,
  pagerPage,
} from './cursor-pager.ts'

describe('cursor pager', () => {
  it('walks forward and back through remembered cursors', () => {
    let state = initialCursorPager('a')
    expect(pagerCursor(state)).toBeUndefined()
    state = cursorPagerReducer(state, { type: 'next', key: 'a', cursor: 'c2' })
    state = cursorPagerReducer(state, { type: 'next', key: 'a', cursor: 'c3' })
    expect([pagerPage(state), pagerCursor(state)]).toEqual([3, 'c3'])
    state = cursorPagerReducer(state, { type: 'previous', key: 'a' })
    expect([pagerPage(state), pagerCursor(state)]).toEqual([2, 'c2'])
    state = cursorPagerReducer(state, { type: 'previous', key: 'a' })
    state = cursorPagerReducer(state, { type: 'previous', key: 'a' })
    expect([pagerPage(state), pagerCursor(state)]).toEqual([1, undefined])
  })

  it('starts over when the filters change', () => {
    const state = cursorPagerReducer(initialCursorPager('a'), { type: 'next', key: 'a', cursor: 'c2' })
    expect(pagerPage(currentPager(state, 'b'))).toBe(1)
    const next = cursorPagerReducer(state, { type: 'next', key: 'b', cursor: 'x2' })
    expect(next.cursors).toEqual([null, 'x2'])
  })
})
