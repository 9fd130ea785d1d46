import {
  Card,
  EmptyState,
  ErrorState,
  errorMessage,
  formatMoney,
  humanize,
  LoadingState,
  PageHeader,
  SelectField,
  StatusBadge,
  Toolbar,
} from '@tandem/ui'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { DateTime } from '../../kit/date-time.tsx'
import { ListTable } from '../../kit/list-table.tsx'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { useTRPC } from '../../trpc.ts'
import { ProgramFilter } from '../program-filter.tsx'
import { useListFilters } from '../use-list-filters.ts'

const STATUSES = ['pending', 'qualified', 'issued', 'void'] as const

/** The referral side: ambassadors, their referred friends and sales, and rewards by status. */
export function ReferralsPage() {
  usePageTitle('Referrals')
  const trpc = useTRPC()
  const { programId, setProgram, status, setStatus } = useListFilters(STATUSES)
  const programs = useQuery(trpc.programs.list.queryOptions())
  const referral = (programs.data ?? []).filter((p) => p.kind === 'referral')
  const selected = programId ?? referral[0]?.id ?? programs.data?.[0]?.id
  const ambassadors = useQuery({
    ...trpc.referrals.ambassadors.queryOptions({ programId: selected ?? '' }),
    enabled: Boolean(selected),
  })
  const rewards = useQuery({
    ...trpc.referrals.rewards.queryOptions({ programId: selected ?? '', ...(status ? { status } : {}) }),
    enabled: Boolean(selected),
  })
  const sum = (list: { status: string; amount: { amountMinor: number; currency: string } }[], s: string) =>
    list
      .filter((r) => r.status === s)
      .map((r) => formatMoney(r.amount))
      .join(', ') || '—'
  return (
    <>
      <PageHeader
        title="Referrals"
        description="Customers who refer friends: their referrals, the friends' purchases and the rewards they earned."
      />
      <Toolbar>
        <ProgramFilter value={selected} onChange={(id) => setProgram(id ?? null)} />
      </Toolbar>
      {programs.data && programs.data.length > 0 && referral.length === 0 ? (
        <div className="banner">
          No referral program yet: create a program of the kind “Referral (ambassadors)”.
        </div>
      ) : null}
      <Card title="Ambassadors" className="is-flush">
        {!selected ? (
          <EmptyState title="No program yet" />
        ) : ambassadors.isError ? (
          <ErrorState message={errorMessage(ambassadors.error)} onRetry={() => void ambassadors.refetch()} />
        ) : !ambassadors.data ? (
          <LoadingState />
        ) : (
          <ListTable
            label="Ambassadors"
            testId="ambassadors"
            rows={ambassadors.data}
            rowKey={(a) => a.partnerId}
            empty="No ambassador in this program yet."
            columns={[
              {
                id: 'name',
                header: 'Ambassador',
                sortValue: (a) => a.name.toLowerCase(),
                cell: (a) => (
                  <>
                    <Link className="cell-main" to={`/partners/${a.partnerId}`}>
                      {a.name}
                    </Link>
                    <span className="cell-sub">{a.email}</span>
                  </>
                ),
              },
              { id: 'status', header: 'Status', cell: (a) => <StatusBadge status={a.status} /> },
              {
                id: 'referrals',
                header: 'Friends referred',
                align: 'right',
                sortValue: (a) => a.referrals,
                cell: (a) => a.referrals,
              },
              {
                id: 'conversions',
                header: 'Referral sales',
                align: 'right',
                sortValue: (a) => a.conversions,
                cell: (a) => a.conversions,
              },
              { id: 'issued', header: 'Issued', align: 'right', cell: (a) => sum(a.rewards, 'issued') },
              { id: 'pending', header: 'Pending', align: 'right', cell: (a) => sum(a.rewards, 'pending') },
              { id: 'void', header: 'Voided', align: 'right', cell: (a) => sum(a.rewards, 'void') },
            ]}
          />
        )}
      </Card>
      <Card
        title="Rewards"
        className="is-flush"
        actions={
          <SelectField
            label="Status"
            value={status ?? ''}
            onChange={(v) => setStatus((STATUSES as readonly string[]).includes(v) ? (v as 'pending') : null)}
            options={[
              { value: '', label: 'Any status' },
              ...STATUSES.map((s) => ({ value: s, label: humanize(s) })),
            ]}
          />
        }
      >
        {rewards.isError ? (
          <ErrorState message={errorMessage(rewards.error)} onRetry={() => void rewards.refetch()} />
        ) : !rewards.data ? (
          selected ? (
            <LoadingState />
          ) : null
        ) : (
          <ListTable
            label="Rewards"
            testId="rewards"
            rows={rewards.data}
            rowKey={(r) => r.id}
            empty="No rewards."
            columns={[
              { id: 'when', header: 'When', cell: (r) => <DateTime value={r.createdAt} /> },
              {
                id: 'who',
                header: 'For',
                cell: (r) =>
                  r.side === 'referrer' ? (r.referrerName ?? '—') : `Friend ${r.customerExternalId ?? ''}`,
              },
              {
                id: 'what',
                header: 'Reward',
                cell: (r) =>
                  `${humanize(r.rewardType)} · ${r.percentBps ? `${r.percentBps / 100}%` : formatMoney(r.amount)}${r.milestone ? ` · milestone ${r.milestone}` : ''}`,
              },
              { id: 'status', header: 'Status', cell: (r) => <StatusBadge status={r.status} /> },
              { id: 'why', header: 'Why', cell: (r) => <span className="explanation">{r.explanation}</span> },
            ]}
          />
        )}
      </Card>
    </>
  )
}
