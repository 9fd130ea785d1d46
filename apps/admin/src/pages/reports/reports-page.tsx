import type { AdminInputs, AdminOutputs } from '@tandem/api'
import {
  Card,
  DateRangePicker,
  ErrorState,
  errorMessage,
  formatCount,
  formatMoney,
  LoadingState,
  PageHeader,
  Pager,
  Toolbar,
  useSearchParam,
} from '@tandem/ui'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { useTRPC } from '../../trpc.ts'
import { downloadText } from '../payouts/download.ts'
import { ProgramFilter } from '../program-filter.tsx'
import { useListFilters } from '../use-list-filters.ts'

type Input = AdminInputs['reports']['run']
type Row = AdminOutputs['reports']['run']['rows'][number]
type Dimension = Input['dimension']
type Sort = NonNullable<Input['sort']>
type ColumnId = AdminInputs['reports']['csv']['columns'][number]

const DIMENSIONS: readonly { id: Dimension; label: string }[] = [
  { id: 'partner', label: 'Partner' },
  { id: 'link', label: 'Link' },
  { id: 'subid', label: 'Sub-id' },
  { id: 'day', label: 'Day' },
  { id: 'program', label: 'Program' },
]

const COLUMNS: readonly { id: ColumnId; header: string; sort?: Sort; cell: (r: Row) => string }[] = [
  { id: 'clicks', header: 'Clicks', sort: 'clicks', cell: (r) => formatCount(r.clicks) },
  {
    id: 'uniqueClicks',
    header: 'Unique clicks',
    sort: 'unique_clicks',
    cell: (r) => formatCount(r.uniqueClicks),
  },
  { id: 'conversions', header: 'Conversions', sort: 'conversions', cell: (r) => formatCount(r.conversions) },
  {
    id: 'conversionRate',
    header: 'Conv. rate',
    cell: (r) => (r.conversionRate === null ? '—' : `${(r.conversionRate * 100).toFixed(1)}%`),
  },
  { id: 'revenue', header: 'Revenue', sort: 'revenue', cell: (r) => formatMoney(r.revenue) },
  { id: 'commission', header: 'Commissions', sort: 'commission', cell: (r) => formatMoney(r.commission) },
  { id: 'epc', header: 'EPC', cell: (r) => (r.epc ? formatMoney(r.epc) : '—') },
  { id: 'refunds', header: 'Refunds', sort: 'refunds', cell: (r) => formatMoney(r.refunds) },
]
const PAGE_SIZE = 50

/** Reports by partner, link, sub-id, day or program, from the ClickHouse rollups; CSV of what is on screen. */
export function ReportsPage() {
  usePageTitle('Reports')
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { today, selection, setSelection, range, programId, setProgram } = useListFilters([] as const)
  const programs = useQuery(trpc.programs.list.queryOptions())
  const selected = programId ?? programs.data?.[0]?.id
  const [rawDimension, setDimension] = useSearchParam('by')
  const dimension = DIMENSIONS.find((d) => d.id === rawDimension)?.id ?? 'partner'
  const [rawSort, setSort] = useSearchParam('sort')
  const sort: Sort =
    (['key', ...COLUMNS.flatMap((c) => (c.sort ? [c.sort] : []))] as Sort[]).find((s) => s === rawSort) ??
    'clicks'
  const [rawDir, setDir] = useSearchParam('dir')
  const direction = rawDir === 'asc' ? 'asc' : 'desc'
  const [rawPage, setPage] = useSearchParam('page')
  const page = Math.max(0, Math.min(10_000, Number.parseInt(rawPage ?? '0', 10) || 0))
  const [hidden, setHidden] = useState<Set<ColumnId>>(new Set())
  const visible = COLUMNS.filter((c) => !hidden.has(c.id))
  const input = {
    dimension,
    ...range,
    programId: selected ?? '',
    sort,
    direction,
    page,
    pageSize: PAGE_SIZE,
  } as const
  const report = useQuery({
    ...trpc.reports.run.queryOptions(input, { placeholderData: keepPreviousData }),
    enabled: Boolean(selected),
  })
  const exportCsv = useMutation({
    mutationFn: () =>
      queryClient.fetchQuery(
        trpc.reports.csv.queryOptions({
          dimension,
          ...range,
          programId: selected ?? '',
          sort,
          direction,
          columns: visible.map((c) => c.id),
        }),
      ),
    onSuccess: (f) => downloadText(f.filename, 'text/csv', f.content),
  })
  const sortBy = (next: Sort) => {
    if (next === sort) setDir(direction === 'asc' ? 'desc' : 'asc')
    else {
      setSort(next)
      setDir(next === 'key' ? 'asc' : 'desc')
    }
    setPage(null)
  }
  const header = (label: string, id: Sort | undefined) =>
    id ? (
      <button type="button" className="sort-button" onClick={() => sortBy(id)}>
        {label}
        <span className="sort-indicator" aria-hidden="true">
          {sort === id ? (direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    ) : (
      label
    )
  const ariaSort = (id: Sort | undefined) =>
    id && sort === id ? (direction === 'asc' ? 'ascending' : 'descending') : undefined
  return (
    <>
      <PageHeader
        title="Reports"
        description="Clicks, conversions, revenue, commissions, EPC and refunds from the ClickHouse rollups. Days are UTC."
        actions={<DateRangePicker value={selection} onChange={setSelection} today={today} />}
      />
      <Toolbar>
        <ProgramFilter value={selected} onChange={(id) => setProgram(id ?? null)} />
        <fieldset className="segmented" aria-label="Group by">
          {DIMENSIONS.map((d) => (
            <button
              key={d.id}
              type="button"
              className={d.id === dimension ? 'segment is-active' : 'segment'}
              aria-pressed={d.id === dimension}
              onClick={() => {
                setDimension(d.id)
                setPage(null)
              }}
            >
              {d.label}
            </button>
          ))}
        </fieldset>
        <details className="column-menu">
          <summary className="button button-small">Columns</summary>
          <div className="stack column-menu-list">
            {COLUMNS.map((c) => (
              <label key={c.id} className="check">
                <input
                  type="checkbox"
                  checked={!hidden.has(c.id)}
                  onChange={(e) => {
                    const next = new Set(hidden)
                    if (e.target.checked) next.delete(c.id)
                    else if (visible.length > 1) next.add(c.id)
                    setHidden(next)
                  }}
                />
                {c.header}
              </label>
            ))}
          </div>
        </details>
        <button
          type="button"
          className="button button-small"
          disabled={exportCsv.isPending || !selected}
          onClick={() => exportCsv.mutate()}
        >
          {exportCsv.isPending ? 'Exporting…' : 'Export CSV'}
        </button>
        {exportCsv.isError ? (
          <span className="status-line is-error" role="alert">
            {errorMessage(exportCsv.error)}
          </span>
        ) : null}
      </Toolbar>
      <Card className="is-flush">
        {!selected ? (
          <p className="card-body muted">Create a program first.</p>
        ) : report.isError ? (
          <ErrorState
            title="Could not run the report"
            message={errorMessage(report.error)}
            onRetry={() => void report.refetch()}
          />
        ) : !report.data ? (
          <LoadingState label="Running the report…" />
        ) : (
          <>
            <div className="table-wrap">
              <table
                className={report.isPlaceholderData ? 'table is-stale' : 'table'}
                aria-label="Report"
                data-testid="report-table"
              >
                <thead>
                  <tr>
                    <th scope="col" aria-sort={ariaSort('key')}>
                      {header(DIMENSIONS.find((d) => d.id === dimension)?.label ?? '', 'key')}
                    </th>
                    {visible.map((c) => (
                      <th key={c.id} scope="col" className="align-right" aria-sort={ariaSort(c.sort)}>
                        {header(c.header, c.sort)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {report.data.rows.length === 0 ? (
                    <tr>
                      <td colSpan={visible.length + 1} className="table-empty">
                        No activity in this range.
                      </td>
                    </tr>
                  ) : (
                    report.data.rows.map((r) => (
                      <tr key={r.key} data-row-key={r.key}>
                        <td className="nowrap">{r.label}</td>
                        {visible.map((c) => (
                          <td key={c.id} className="align-right nowrap" data-column={c.id}>
                            {c.cell(r)}
                          </td>
                        ))}
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </div>
            <Pager
              page={page + 1}
              rowCount={report.data.rows.length}
              hasPrevious={page > 0}
              hasNext={(page + 1) * PAGE_SIZE < report.data.total && !report.isPlaceholderData}
              onPrevious={() => setPage(page > 1 ? String(page - 1) : null)}
              onNext={() => setPage(String(page + 1))}
              pending={report.isPlaceholderData}
            />
          </>
        )}
      </Card>
    </>
  )
}
