import type { ReactNode } from 'react'

export interface StatCardProps {
  readonly label: string
  /** The value as people read it (formatted count, money lines). */
  readonly value: ReactNode
  /** Stable hook for tests and tools: data-testid of the value element. */
  readonly testId?: string
  /** The raw value behind the text: an integer, or "EUR:1234500;USD:100" for money. */
  readonly dataValue?: string | number
  /** A smaller line under the value ("1,204 unique · 31 bots"). */
  readonly hint?: ReactNode
  readonly loading?: boolean
}

/**
 * One key figure. While loading, the value element (and its test id) is absent, so a test that
 * waits for `[data-testid=stat-clicks]` reads the loaded value, never a placeholder.
 */
export function StatCard({ label, value, testId, dataValue, hint, loading = false }: StatCardProps) {
  return (
    <div className="stat-card" aria-busy={loading}>
      <div className="stat-label">{label}</div>
      {loading ? (
        <div className="stat-value">
          <span className="skeleton skeleton-value" />
        </div>
      ) : (
        <div
          className="stat-value"
          data-testid={testId}
          data-value={dataValue === undefined ? undefined : String(dataValue)}
        >
          {value}
        </div>
      )}
      {hint && !loading ? <div className="stat-hint">{hint}</div> : null}
    </div>
  )
}

export function StatGrid({ children }: { readonly children: ReactNode }) {
  return <div className="stat-grid">{children}</div>
}
