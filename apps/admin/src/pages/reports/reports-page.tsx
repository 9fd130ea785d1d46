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
import {
  columnVisibilityFeature,
  createColumnHelper,
  flexRender,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  type Updater,
  useTable,
  type ColumnVisibilityState as VisibilityState,
} from '@tanstack/react-table'
import { useMemo, useState } from 'react'
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

/** The metric columns: their id is the CSV column, `sort` the server's sort key (none: not sortable). */
const METRICS: readonly { id: ColumnId; header: string; sort?: Sort; cell: (r: Row) => string }[] = [
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
const SORT_OF: Record<string, Sort> = {
  key: 'key',
  ...Object.fromEntries(METRICS.flatMap((m) => (m.sort ? [[m.id, m.sort]] : []))),
}
const PAGE_SIZE = 50

// TanStack Table: sorting state (done on the server: manualSorting) and column visibility.
const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature })
const helper = createColumnHelper<typeof features, Row>()

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
  const sort: Sort = (Object.values(SORT_OF) as Sort[]).find((s) => s === rawSort) ?? 'clicks'
  const [rawDir, setDir] = useSearchParam('dir')
  const direction = rawDir === 'asc' ? 'asc' : 'desc'
  const [rawPage, setPage] = useSearchParam('page')
  const page = Math.max(0, Math.min(10_000, Number.parseInt(rawPage ?? '0', 10) || 0))
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>({})
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

  const sorting: SortingState = [
    { id: Object.entries(SORT_OF).find(([, s]) => s === sort)?.[0] ?? 'clicks', desc: direction === 'desc' },
  ]
  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = typeof updater === 'function' ? updater(sorting) : updater
    const first = next[0] ?? { id: 'clicks', desc: true }
    setSort(SORT_OF[first.id] ?? 'clicks')
    setDir(first.desc ? 'desc' : 'asc')
    setPage(null)
  }
  const dimensionLabel = DIMENSIONS.find((d) => d.id === dimension)?.label ?? ''
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('label', {
          id: 'key',
          header: dimensionLabel,
          enableHiding: false,
          sortDescFirst: false,
        }),
        ...METRICS.map((m) =>
          helper.display({
            id: m.id,
            header: m.header,
            enableSorting: Boolean(m.sort),
            cell: (c) => m.cell(c.row.original),
          }),
        ),
      ]),
    [dimensionLabel],
  )
  const table = useTable({
    features,
    columns,
    data: report.data?.rows ?? [],
    getRowId: (r) => r.key,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility },
    onSortingChange,
    onColumnVisibilityChange: setColumnVisibility,
  })
  const visible = METRICS.filter((m) => columnVisibility[m.id] !== false)

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
            {table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide())
              .map((c) => (
                <label key={c.id} className="check">
                  <input
                    type="checkbox"
                    checked={c.getIsVisible()}
                    disabled={c.getIsVisible() && visible.length === 1}
                    onChange={(e) => c.toggleVisibility(e.target.checked)}
                  />
                  {String(c.columnDef.header)}
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
                  {table.getHeaderGroups().map((group) => (
                    <tr key={group.id}>
                      {group.headers.map((header) => {
                        const sorted = header.column.getIsSorted()
                        return (
                          <th
                            key={header.id}
                            scope="col"
                            className={header.column.id === 'key' ? undefined : 'align-right'}
                            aria-sort={
                              sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                            }
                          >
                            {header.column.getCanSort() ? (
                              <button
                                type="button"
                                className="sort-button"
                                onClick={header.column.getToggleSortingHandler()}
                              >
                                {flexRender(header.column.columnDef.header, header.getContext())}
                                <span className="sort-indicator" aria-hidden="true">
                                  {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                                </span>
                              </button>
                            ) : (
                              flexRender(header.column.columnDef.header, header.getContext())
                            )}
                          </th>
                        )
                      })}
                    </tr>
                  ))}
                </thead>
                <tbody>
                  {table.getRowModel().rows.length === 0 ? (
                    <tr>
                      <td colSpan={visible.length + 1} className="table-empty">
                        No activity in this range.
                      </td>
                    </tr>
                  ) : (
                    table.getRowModel().rows.map((row) => (
                      <tr key={row.id} data-row-key={row.id}>
                        {row.getVisibleCells().map((cell) => (
                          <td
                            key={cell.id}
                            data-column={cell.column.id}
                            className={cell.column.id === 'key' ? 'nowrap' : 'align-right nowrap'}
                          >
                            {flexRender(cell.column.columnDef.cell, cell.getContext())}
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
