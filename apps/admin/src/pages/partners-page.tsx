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
  resolveRange,
  SearchField,
  SelectField,
  StatusBadge,
  Toolbar,
  useCursorPager,
  useRangeSearch,
  useSearchParam,
  utcIsoDay,
} from '@tandem/ui'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { parseOption, parseUuid } from '../search-values.ts'
import { useTRPC } from '../trpc.ts'
import { EnrollmentList } from './enrollment-list.tsx'
import { ProgramFilter } from './program-filter.tsx'

type Partner = AdminOutputs['partners']['list']['items'][number]
type EnrollmentStatus = NonNullable<AdminInputs['partners']['list']['status']>

const STATUSES: readonly EnrollmentStatus[] = ['pending', 'approved', 'rejected', 'suspended']
const PAGE_SIZE = 25

export function PartnersPage() {
  const trpc = useTRPC()
  const today = utcIsoDay(new Date())
  const [selection, setSelection] = useRangeSearch('30d')
  const [rawProgram, setProgram] = useSearchParam('program')
  const [rawStatus, setStatus] = useSearchParam('status')
  const [rawSearch, setSearch] = useSearchParam('q')
  const programId = parseUuid(rawProgram)
  const status = parseOption(rawStatus, STATUSES)
  const search = rawSearch?.trim().slice(0, 200) || undefined
  const range = resolveRange(selection, today)
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
          <span className="cell-main">{partner.name}</span>
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
      cell: (partner) => <EnrollmentList partnerId={partner.id} enrollments={partner.enrollments} />,
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

  return (
    <>
      <PageHeader
        title="Partners"
        description="Affiliates and ambassadors, with their clicks, conversions and earnings in the period."
        actions={<DateRangePicker value={selection} onChange={setSelection} today={today} />}
      />
      <Toolbar>
        <SearchField
          label="Search name or email"
          value={search ?? ''}
          onChange={(value) => setSearch(value)}
        />
        <ProgramFilter value={programId} onChange={(id) => setProgram(id ?? null)} />
        <SelectField
          label="Enrollment"
          value={status ?? ''}
          onChange={(value) => setStatus(value || null)}
          options={[
            { value: '', label: 'Any status' },
            ...STATUSES.map((s) => ({ value: s, label: humanize(s) })),
          ]}
        />
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
