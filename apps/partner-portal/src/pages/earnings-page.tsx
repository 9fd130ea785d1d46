import type { PartnerInputs, PartnerOutputs } from '@tandem/api'
import {
  Card,
  DateRangePicker,
  EmptyState,
  ErrorState,
  errorMessage,
  humanize,
  LoadingState,
  MoneyList,
  MoneyText,
  PageHeader,
  Pager,
  resolveRange,
  SelectField,
  StatusBadge,
  useCursorPager,
  useRangeSearch,
  useSearchParam,
  utcIsoDay,
} from '@tandem/ui'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { dateOf, readerZone, whenWithZone } from '../format/when.ts'
import { useTRPC } from '../trpc.ts'

type Earning = PartnerOutputs['earnings']['list']['items'][number]
type Status = NonNullable<PartnerInputs['earnings']['list']['status']>

const PAGE_SIZE = 25
const STATUSES = [
  { value: '', label: 'Any status' },
  { value: 'pending', label: 'Pending' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'reversed', label: 'Reversed' },
]

/** /earnings — every conversion with its commission, its status and why, refunds, and a CSV export. */
export function EarningsPage() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const today = utcIsoDay(new Date())
  const [selection, setSelection] = useRangeSearch('90d')
  const range = resolveRange(selection, today)
  const [programParam, setProgram] = useSearchParam('program')
  const [statusParam, setStatus] = useSearchParam('status')
  const status = STATUSES.some((s) => s.value === statusParam && s.value)
    ? (statusParam as Status)
    : undefined
  const programs = useQuery(trpc.programs.list.queryOptions())
  const joined = (programs.data ?? []).filter((p) => p.enrollment !== null)
  const programId = joined.some((p) => p.id === programParam) ? (programParam ?? undefined) : undefined
  const filters = { ...range, ...(programId ? { programId } : {}), ...(status ? { status } : {}) }
  const pager = useCursorPager(JSON.stringify(filters))
  const list = useQuery(
    trpc.earnings.list.queryOptions(
      { ...filters, limit: PAGE_SIZE, cursor: pager.cursor },
      { placeholderData: keepPreviousData },
    ),
  )
  const [exporting, setExporting] = useState<string | null>(null)
  const exportCsv = async () => {
    setExporting('Preparing…')
    try {
      const file = await queryClient.fetchQuery(trpc.earnings.csv.queryOptions(filters, { staleTime: 0 }))
      const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }))
      const a = document.createElement('a')
      a.href = url
      a.download = file.filename
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
      setExporting(null)
    } catch (error) {
      setExporting(`Export failed: ${errorMessage(error)}`)
    }
  }

  return (
    <>
      <PageHeader
        title="Earnings"
        description={`Each sale credited to you, with your commission, where it stands and why. Times in ${readerZone()}; dates filter by UTC day.`}
        actions={<DateRangePicker value={selection} onChange={setSelection} today={today} />}
      />
      <div className="toolbar">
        <SelectField
          label="Program"
          value={programId ?? ''}
          options={[
            { value: '', label: 'All programs' },
            ...joined.map((p) => ({ value: p.id, label: p.name })),
          ]}
          onChange={(v) => setProgram(v || null)}
          testId="earnings-program"
        />
        <SelectField
          label="Status"
          value={status ?? ''}
          options={STATUSES}
          onChange={(v) => setStatus(v || null)}
          testId="earnings-status"
        />
        <button type="button" className="button" onClick={() => void exportCsv()} data-testid="earnings-csv">
          Download CSV
        </button>
        {exporting ? <span className="muted small">{exporting}</span> : null}
      </div>
      <Card className="is-flush">
        {list.isError ? (
          <ErrorState
            title="Could not load your earnings"
            message={errorMessage(list.error)}
            onRetry={() => void list.refetch()}
          />
        ) : !list.data ? (
          <LoadingState label="Loading earnings…" />
        ) : list.data.items.length === 0 ? (
          <EmptyState
            title="Nothing here"
            description="No sale matches these filters. Sales through your links and codes appear here as soon as they are tracked."
          />
        ) : (
          <>
            <ul
              className={list.isPlaceholderData ? 'earning-list is-stale' : 'earning-list'}
              data-testid="earnings-list"
            >
              {list.data.items.map((e) => (
                <EarningRow key={e.id} earning={e} />
              ))}
            </ul>
            <Pager
              page={pager.page}
              rowCount={list.data.items.length}
              hasPrevious={pager.hasPrevious}
              hasNext={list.data.nextCursor !== null && !list.isPlaceholderData}
              onPrevious={pager.previous}
              onNext={() => list.data?.nextCursor && pager.next(list.data.nextCursor)}
              pending={list.isPlaceholderData}
            />
          </>
        )}
      </Card>
    </>
  )
}

function EarningRow({ earning: e }: { readonly earning: Earning }) {
  return (
    <li className="earning" data-row-key={e.id} data-status={e.status}>
      <div className="earning-main">
        <div className="earning-what">
          <span className="cell-main">
            {humanize(e.event)} <span className="mono">{e.orderId}</span>
          </span>
          <span className="cell-sub">
            {e.programName} · {whenWithZone(e.occurredAt)}
          </span>
        </div>
        <div className="earning-money">
          <span className="earning-commission" data-testid="earning-commission">
            <MoneyList values={e.commission} emptyCurrency={e.amount.currency} />
          </span>
          <span className="cell-sub">
            on a sale of <MoneyText value={e.amount} />
            {e.refunded.amountMinor > 0 ? (
              <>
                {' '}
                (refunded <MoneyText value={e.refunded} />)
              </>
            ) : null}
          </span>
        </div>
        <div className="earning-status">
          <StatusBadge status={e.status} />
          <span className="earning-why" data-testid="earning-why">
            {whyText(e)}
          </span>
        </div>
      </div>
      <details className="earning-details">
        <summary>How this was calculated</summary>
        <ol className="timeline">
          {e.attribution ? <li>Credited to you: {e.attribution}</li> : null}
          {e.lines.map((l, i) => (
            <li key={`${l.at}-${i}`}>
              <strong>
                <MoneyText value={l.amount} />
              </strong>{' '}
              {humanize(l.kind)} ({l.status}) · {l.explanation} · {whenWithZone(l.at)}
            </li>
          ))}
          {e.refunds.map((r) => (
            <li key={r.at}>
              Refund of <MoneyText value={r.amount} /> on {whenWithZone(r.at)}
            </li>
          ))}
        </ol>
      </details>
    </li>
  )
}

export function whyText(e: Earning): string {
  switch (e.why.state) {
    case 'on_hold':
      return e.why.holdUntil
        ? `On hold until ${dateOf(e.why.holdUntil)} (the program's ${e.why.holdDays}-day return window)`
        : 'Waiting for the program to approve it'
    case 'in_review':
      return 'Waiting for a review by the program team'
    case 'approved':
      return `Approved${e.why.decidedAt ? ` on ${dateOf(e.why.decidedAt)}` : ''}: it goes into your next payout`
    case 'partly_refunded':
      return 'Approved; part of the order was refunded, so your commission went down'
    case 'rejected':
      return `Rejected${e.why.reason ? `: ${e.why.reason}` : ''}`
    case 'reversed':
      return `Reversed${e.why.reason ? `: ${e.why.reason}` : ''}`
  }
}
