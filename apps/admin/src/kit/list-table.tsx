import type { ReactNode } from 'react'
import { useMemo, useState } from 'react'

export interface ListColumn<Row> {
  readonly id: string
  readonly header: string
  readonly cell: (row: Row) => ReactNode
  readonly align?: 'left' | 'right'
  /** Client-side sorting, for lists that hold all their rows. */
  readonly sortValue?: (row: Row) => string | number | null
}

/**
 * A table that becomes a list of cards on a phone (each cell under its column name); key columns
 * go first. Sorting is offered only for columns with sortValue.
 */
export function ListTable<Row>({
  columns,
  rows,
  rowKey,
  label,
  testId,
  empty = 'Nothing here yet.',
  selected,
}: {
  readonly columns: readonly ListColumn<Row>[]
  readonly rows: readonly Row[]
  readonly rowKey: (row: Row) => string
  readonly label: string
  readonly testId?: string
  readonly empty?: ReactNode
  readonly selected?: (row: Row) => boolean
}) {
  const [sort, setSort] = useState<{ id: string; dir: 1 | -1 } | null>(null)
  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.id === sort.id)
    if (!column?.sortValue || !sort) return rows
    const value = column.sortValue
    return [...rows].sort((a, b) => {
      const x = value(a)
      const y = value(b)
      if (x === y) return 0
      if (x === null) return 1
      if (y === null) return -1
      return (x < y ? -1 : 1) * sort.dir
    })
  }, [rows, columns, sort])
  return (
    <div className="table-wrap">
      <table className="table as-cards" aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => {
              const dir = sort?.id === c.id ? sort.dir : 0
              return (
                <th
                  key={c.id}
                  scope="col"
                  className={c.align === 'right' ? 'align-right' : undefined}
                  aria-sort={dir === 1 ? 'ascending' : dir === -1 ? 'descending' : undefined}
                >
                  {c.sortValue ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => setSort({ id: c.id, dir: dir === 1 ? -1 : 1 })}
                    >
                      {c.header}
                      <span className="sort-indicator" aria-hidden="true">
                        {dir === 1 ? '▲' : dir === -1 ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="table-empty">
                {empty}
              </td>
            </tr>
          ) : (
            sorted.map((row) => {
              const key = rowKey(row)
              return (
                <tr key={key} data-row-key={key} aria-selected={selected ? selected(row) : undefined}>
                  {columns.map((c) => (
                    <td
                      key={c.id}
                      data-column={c.id}
                      data-label={c.header || undefined}
                      className={c.align === 'right' ? 'align-right' : undefined}
                    >
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              )
            })
          )}
        </tbody>
      </table>
    </div>
  )
}
