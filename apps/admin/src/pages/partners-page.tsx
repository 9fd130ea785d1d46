import type { AdminInputs, AdminOutputs } from '@tandem/api'
import {
  type Column,
  DateRangePicker,
  formatCount,
  formatDate,
  humanize,
  MoneyList,
  PagedTableCard,
  PageHeader,
  SearchField,
  StatusBadge,
  Toolbar,
  useCursorPager,
  useSearchParam,
} from '@tandem/ui'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { usePageTitle } from '../kit/use-page-title.ts'
import { canManage, useCurrentUser } from '../session/use-session.ts'
import { useTRPC } from '../trpc.ts'
import { EnrollmentList } from './enrollment-list.tsx'
import { ProgramFilter } from './program-filter.tsx'
import { StatusFilter } from './status-filter.tsx'
import { useListFilters } from './use-list-filters.ts'

type Partner = AdminOutputs['partners']['list']['items'][number]
type EnrollmentStatus = NonNullable<AdminInputs['partners']['list']['status']>

const STATUSES: readonly EnrollmentStatus[] = ['pending', 'approved', 'rejected', 'suspended']
const PAGE_SIZE = 25

export function PartnersPage() {
  const trpc = useTRPC()
  const user = useCurrentUser()
  const { today, selection, setSelection, range, programId, setProgram, status, setStatus } =
    useListFilters(STATUSES)
  const [rawSearch, setSearch] = useSearchParam('q')
  const search = rawSearch?.trim().slice(0, 200) || undefined
  const filters = { programId, status, search, ...range }
  const pager = useCursorPager(JSON.stringify(filters))
  const list = useQuery(
    trpc.partners.list.queryOptions(
      { ...filters, limit: PAGE_SIZE, cursor: pager.cursor },
      { placeholderData: keepPreviousData },
    ),
  )

  const columns: Column<Partner>[] = [
    {
      id: 'partner',
      header: 'Partner',
      cell: (partner) => (
        <>
          <Link className="cell-main" to={`/partners/${partner.id}`}>
            {partner.name}
          </Link>
          {partner.flagged ? (
            <>
              {' '}
              <span className="badge badge-bad" title="Flagged by fraud checks">
                Flagged
              </span>
            </>
          ) : null}
          <span className="cell-sub">
            {partner.email}
            {partner.country ? ` · ${partner.country}` : ''}
          </span>
        </>
      ),
    },
    { id: 'type', header: 'Type', cell: (partner) => humanize(partner.type) },
    { id: 'status', header: 'Account', cell: (partner) => <StatusBadge status={partner.status} /> },
    {
      id: 'programs',
      header: 'Programs',
      cell: (partner) => (
        <EnrollmentList partnerId={partner.id} partnerName={partner.name} enrollments={partner.enrollments} />
      ),
    },
    { id: 'clicks', header: 'Clicks', align: 'right', cell: (partner) => formatCount(partner.clicks) },
    {
      id: 'conversions',
      header: 'Conversions',
      align: 'right',
      cell: (partner) => formatCount(partner.conversions),
    },
    {
      id: 'earnings',
      header: 'Earnings',
      align: 'right',
      cell: (partner) => <MoneyList values={partner.earnings} />,
    },
    {
      id: 'joined',
      header: 'Joined',
      cell: (partner) => <span className="muted">{formatDate(partner.createdAt)}</span>,
    },
  ]

  usePageTitle(status === 'pending' ? 'Applications' : 'Partners')
  return (
    <>
      <PageHeader
        title={status === 'pending' ? 'Applications' : 'Partners'}
        description="Affiliates and ambassadors, with their clicks, conversions and earnings in the period."
        actions={
          <>
            <DateRangePicker value={selection} onChange={setSelection} today={today} />
            {canManage(user) ? (
              <Link className="button button-primary" to="/partners/new">
                Add partner
              </Link>
            ) : null}
          </>
        }
      />
      <Toolbar>
        <SearchField
          label="Search name or email"
          value={search ?? ''}
          onChange={(value) => setSearch(value)}
        />
        <ProgramFilter value={programId} onChange={(id) => setProgram(id ?? null)} />
        <StatusFilter label="Enrollment" statuses={STATUSES} value={status} onChange={setStatus} />
        <button type="button" className="button button-small" onClick={() => setStatus('pending')}>
          Applications queue
        </button>
      </Toolbar>
      <PagedTableCard
        list={list}
        pager={pager}
        errorTitle="Could not load partners"
        loadingLabel="Loading partners…"
        label="Partners"
        testId="partners-table"
        columns={columns}
        rowKey={(partner) => partner.id}
        empty={search || status || programId ? 'No partners match these filters.' : 'No partners yet.'}
      />
    </>
  )
}
