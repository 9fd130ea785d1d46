import type { PartnerOutputs } from '@tandem/api'
import {
  type Column,
  formatDateTime,
  humanize,
  MoneyList,
  MoneyText,
  PagedTableCard,
  PageHeader,
  StatusBadge,
  useCursorPager,
} from '@tandem/ui'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTRPC } from '../trpc.ts'

type Conversion = PartnerOutputs['conversions']['list']['items'][number]

const PAGE_SIZE = 50

const columns: Column<Conversion>[] = [
  {
    id: 'occurredAt',
    header: 'When',
    cell: (conversion) => <span className="nowrap">{formatDateTime(conversion.occurredAt)}</span>,
  },
  { id: 'program', header: 'Program', cell: (conversion) => conversion.programName },
  {
    id: 'order',
    header: 'Order',
    cell: (conversion) => (
      <>
        <span className="cell-main mono">{conversion.orderId}</span>
        <span className="cell-sub">{humanize(conversion.event)}</span>
      </>
    ),
  },
  {
    id: 'amount',
    header: 'Sale',
    align: 'right',
    cell: (conversion) => <MoneyText value={conversion.amount} />,
  },
  {
    id: 'commission',
    header: 'Your commission',
    align: 'right',
    cell: (conversion) => <MoneyList values={conversion.commission} />,
  },
  { id: 'status', header: 'Status', cell: (conversion) => <StatusBadge status={conversion.status} /> },
]

export function ConversionsPage() {
  const trpc = useTRPC()
  const pager = useCursorPager('all')
  const list = useQuery(
    trpc.conversions.list.queryOptions(
      { limit: PAGE_SIZE, cursor: pager.cursor },
      { placeholderData: keepPreviousData },
    ),
  )
  return (
    <>
      <PageHeader
        title="Conversions"
        description="Sales and sign-ups credited to you, newest first. Pending ones are approved after the hold period."
      />
      <PagedTableCard
        list={list}
        pager={pager}
        errorTitle="Could not load your conversions"
        loadingLabel="Loading conversions…"
        label="Your conversions"
        testId="conversions-table"
        columns={columns}
        rowKey={(conversion) => conversion.id}
        empty="No conversions yet. They appear here as soon as a sale through your link is tracked."
      />
    </>
  )
}
