import type { AdminInputs, AdminOutputs } from '@tandem/api'
import {
  type Column,
  DateRangePicker,
  formatDateTime,
  formatMoney,
  humanize,
  MoneyList,
  MoneyText,
  PagedTableCard,
  PageHeader,
  StatusBadge,
  Toolbar,
  useCursorPager,
} from '@tandem/ui'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTRPC } from '../trpc.ts'
import { ProgramFilter } from './program-filter.tsx'
import { StatusFilter } from './status-filter.tsx'
import { useListFilters } from './use-list-filters.ts'

type Conversion = AdminOutputs['conversions']['list']['items'][number]
type ConversionStatus = NonNullable<AdminInputs['conversions']['list']['status']>

const STATUSES: readonly ConversionStatus[] = ['pending', 'approved', 'rejected', 'reversed']
const PAGE_SIZE = 50

const columns: Column<Conversion>[] = [
  {
    id: 'occurredAt',
    header: 'When',
    cell: (conversion) => <span className="nowrap">{formatDateTime(conversion.occurredAt)}</span>,
  },
  {
    id: 'order',
    header: 'Order',
    cell: (conversion) => (
      <>
        <span className="cell-main mono">{conversion.orderId}</span>
        <span className="cell-sub">
          {humanize(conversion.event)} · {humanize(conversion.source)}
          {conversion.couponCode ? ` · coupon ${conversion.couponCode}` : ''}
        </span>
      </>
    ),
  },
  { id: 'program', header: 'Program', cell: (conversion) => conversion.programName },
  {
    id: 'partner',
    header: 'Partner',
    cell: (conversion) => conversion.partnerName ?? <span className="muted">Unattributed</span>,
  },
  {
    id: 'amount',
    header: 'Amount',
    align: 'right',
    cell: (conversion) => (
      <>
        <MoneyText value={conversion.amount} />
        {conversion.refunded.amountMinor !== 0 ? (
          <span className="cell-sub">{formatMoney(conversion.refunded)} refunded</span>
        ) : null}
      </>
    ),
  },
  {
    id: 'commission',
    header: 'Commission',
    align: 'right',
    cell: (conversion) => <MoneyList values={conversion.commissions} />,
  },
  {
    id: 'status',
    header: 'Status',
    cell: (conversion) => (
      <>
        <StatusBadge status={conversion.status} />
        {conversion.fraudFlags.length > 0 ? (
          <>
            {' '}
            <span
              className="badge badge-bad"
              title={conversion.fraudFlags.map((flag) => flag.reason).join('\n')}
            >
              {conversion.fraudFlags.length === 1 ? '1 flag' : `${conversion.fraudFlags.length} flags`}
            </span>
          </>
        ) : null}
        {conversion.status === 'pending' && conversion.holdUntil ? (
          <span className="cell-sub">until {formatDateTime(conversion.holdUntil)}</span>
        ) : null}
      </>
    ),
  },
]

export function ConversionsPage() {
  const trpc = useTRPC()
  const { today, selection, setSelection, range, programId, setProgram, status, setStatus } =
    useListFilters(STATUSES)
  const filters = { programId, status, ...range }
  const pager = useCursorPager(JSON.stringify(filters))
  const list = useQuery(
    trpc.conversions.list.queryOptions(
      { ...filters, limit: PAGE_SIZE, cursor: pager.cursor },
      { placeholderData: keepPreviousData },
    ),
  )

  return (
    <>
      <PageHeader
        title="Conversions"
        description="Sales and leads attributed to partners, newest first."
        actions={<DateRangePicker value={selection} onChange={setSelection} today={today} />}
      />
      <Toolbar>
        <ProgramFilter value={programId} onChange={(id) => setProgram(id ?? null)} />
        <StatusFilter label="Status" statuses={STATUSES} value={status} onChange={setStatus} />
      </Toolbar>
      <PagedTableCard
        list={list}
        pager={pager}
        errorTitle="Could not load conversions"
        loadingLabel="Loading conversions…"
        label="Conversions"
        testId="conversions-table"
        columns={columns}
        rowKey={(conversion) => conversion.id}
        empty={status || programId ? 'No conversions match these filters.' : 'No conversions in this period.'}
      />
    </>
  )
}
