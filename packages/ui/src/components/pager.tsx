export interface PagerProps {
  readonly page: number
  readonly hasPrevious: boolean
  readonly hasNext: boolean
  readonly onPrevious: () => void
  readonly onNext: () => void
  /** The next page is on its way: keep the buttons still. */
  readonly pending?: boolean
  /** Rows on this page, for the "Page 2 · 50 rows" text. */
  readonly rowCount?: number
}

export function Pager({
  page,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  pending = false,
  rowCount,
}: PagerProps) {
  return (
    <nav className="pager" aria-label="Pages">
      <span className="pager-text" aria-live="polite">
        Page {page}
        {rowCount === undefined ? null : ` · ${rowCount} ${rowCount === 1 ? 'row' : 'rows'}`}
        {pending ? ' · loading…' : null}
      </span>
      <div className="pager-buttons">
        <button type="button" className="button" onClick={onPrevious} disabled={!hasPrevious || pending}>
          ← Previous
        </button>
        <button type="button" className="button" onClick={onNext} disabled={!hasNext || pending}>
          Next →
        </button>
      </div>
    </nav>
  )
}
