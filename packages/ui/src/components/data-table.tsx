import { type ReactNode, useMemo, useState } from 'react'
import { type SortDirection, type SortState, sortRows } from './sort-rows.ts'

export interface Column<Row> {
  readonly id: string
  readonly header: ReactNode
  readonly cell: (row: Row) => ReactNode
  readonly align?: 'left' | 'right'
  /** Makes the column sortable (only for tables that hold all their rows: see DataTable). */
  readonly sortValue?: (row: Row) => string | number | null
  /** Keeps long text (URLs) on one line with an ellipsis. */
  readonly truncate?: boolean
  readonly width?: string
}

export interface DataTableProps<Row> {
  readonly columns: readonly Column<Row>[]
  readonly rows: readonly Row[]
  readonly rowKey: (row: Row) => string
  /** Accessible name of the table. */
  readonly label: string
  readonly testId?: string
  /** Shown instead of the body when there are no rows. */
  readonly empty?: ReactNode
  /** Dims the rows while the next page loads (the old page stays readable). */
  readonly stale?: boolean
  readonly initialSort?: { readonly columnId: string; readonly direction: SortDirection }
}

/**
 * A readable table. Sorting is client-side and so only offered for columns with `sortValue`:
 * server-paged lists leave it off, because sorting one page would look like sorting them all.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  label,
  testId,
  empty,
  stale = false,
  initialSort,
}: DataTableProps<Row>) {
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null)
  const sorted = useMemo(() => {
    const column = sort ? columns.find((candidate) => candidate.id === sort.columnId) : undefined
    return column?.sortValue && sort ? sortRows(rows, column.sortValue, sort.direction) : rows
  }, [rows, columns, sort])

  const toggle = (columnId: string) =>
    setSort((current) =>
      current?.columnId === columnId
        ? { columnId, direction: current.direction === 'asc' ? 'desc' : 'asc' }
        : { columnId, direction: 'asc' },
    )

  return (
    <div className="table-wrap">
      <table className={stale ? 'table is-stale' : 'table'} aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => {
              const direction = sort?.columnId === column.id ? sort.direction : undefined
              return (
                <th
                  key={column.id}
                  scope="col"
                  className={column.align === 'right' ? 'align-right' : undefined}
                  style={column.width ? { width: column.width } : undefined}
                  aria-sort={
                    direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined
                  }
                >
                  {column.sortValue ? (
                    <button type="button" className="sort-button" onClick={() => toggle(column.id)}>
                      {column.header}
                      <span className="sort-indicator" aria-hidden="true">
                        {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
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
                {empty ?? 'Nothing here yet.'}
              </td>
            </tr>
          ) : (
            sorted.map((row) => {
              const key = rowKey(row)
              return (
                <tr key={key} data-row-key={key}>
                  {columns.map((column) => (
                    <td
                      key={column.id}
                      data-column={column.id}
                      data-label={typeof column.header === 'string' ? column.header : undefined}
                      className={cellClass(column)}
                      title={column.truncate ? textOf(column.cell(row)) : undefined}
                    >
                      {column.cell(row)}
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

function cellClass(column: Column<never>): string | undefined {
  const classes = [column.align === 'right' ? 'align-right' : '', column.truncate ? 'truncate' : '']
  const joined = classes.filter(Boolean).join(' ')
  return joined || undefined
}

function textOf(node: ReactNode): string | undefined {
  return typeof node === 'string' || typeof node === 'number' ? String(node) : undefined
}
