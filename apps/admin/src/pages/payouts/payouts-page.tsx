import {
  Card,
  EmptyState,
  ErrorState,
  errorMessage,
  formatMoney,
  humanize,
  LoadingState,
  PageHeader,
  StatusBadge,
} from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from 'react-router'
import { ConfirmButton } from '../../kit/confirm-button.tsx'
import { DateTime } from '../../kit/date-time.tsx'
import { ListTable } from '../../kit/list-table.tsx'
import { MutationStatus } from '../../kit/mutation-status.tsx'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { canManage, useCurrentUser } from '../../session/use-session.ts'
import { useTRPC } from '../../trpc.ts'
import { ProgramFilter } from '../program-filter.tsx'
import { useListFilters } from '../use-list-filters.ts'

const REASONS: Record<string, string> = {
  below_threshold: 'Below the payout threshold',
  missing_payout_method: 'No payout method',
  missing_payout_details: 'Payout details incomplete',
  flagged: 'Flagged for fraud review',
  manual_hold: 'Payouts held by a manager',
  negative_balance: 'Negative balance (clawbacks)',
  zero_balance: 'Nothing to pay',
  partner_not_active: 'Partner not active',
  unknown_partner: 'Unknown partner',
  fee_exceeds_amount: 'Fee exceeds the amount',
}

/** Balances due per partner with core's hold-back reasons, the batch button, and the history. */
export function PayoutsPage() {
  usePageTitle('Payouts')
  const trpc = useTRPC()
  const user = useCurrentUser()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { programId, setProgram } = useListFilters([] as const)
  const programs = useQuery(trpc.programs.list.queryOptions())
  const selected = programId ?? programs.data?.[0]?.id
  const preview = useQuery({
    ...trpc.payouts.preview.queryOptions({ programId: selected ?? '' }),
    enabled: Boolean(selected),
  })
  const history = useQuery(trpc.payouts.batches.queryOptions(selected ? { programId: selected } : {}))
  const create = useMutation(
    trpc.payouts.createBatch.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries(trpc.payouts.pathFilter())
        if (r.batchId) navigate(`/payouts/${r.batchId}`)
      },
    }),
  )
  const p = preview.data
  return (
    <>
      <PageHeader
        title="Payouts"
        description="What each partner is owed now, who is held back and why, and every batch paid so far."
        actions={<ProgramFilter value={selected} onChange={(id) => setProgram(id ?? null)} />}
      />
      {programs.data?.length === 0 ? (
        <EmptyState title="No program yet" description="Create a program first." />
      ) : null}
      <Card
        title="Due now"
        description={
          p ? `Approved, unpaid commissions in ${p.currency}, as core plans the next batch.` : undefined
        }
        className="is-flush"
        actions={
          canManage(user) && p && p.lines.length > 0 ? (
            <ConfirmButton
              className="button button-primary"
              title="Create a payout batch?"
              message={`${p.lines.length} payout${p.lines.length === 1 ? '' : 's'} totalling ${p.totals.map((t) => formatMoney(t.net)).join(', ')}. Each commission row goes into exactly one payout.`}
              confirmLabel="Create batch"
              disabled={create.isPending}
              onConfirm={() => selected && create.mutate({ programId: selected })}
            >
              Create batch
            </ConfirmButton>
          ) : null
        }
      >
        <MutationStatus mutation={create} pending="Creating the batch…" success={null} />
        {preview.isError ? (
          <ErrorState
            title="Could not plan payouts"
            message={errorMessage(preview.error)}
            onRetry={() => void preview.refetch()}
          />
        ) : !p ? (
          <LoadingState label="Planning payouts…" />
        ) : (
          <ListTable
            label="Payable"
            testId="payouts-due"
            rows={p.lines}
            rowKey={(l) => l.partnerId}
            empty="Nobody is due a payout right now."
            columns={[
              {
                id: 'partner',
                header: 'Partner',
                cell: (l) => <Link to={`/partners/${l.partnerId}`}>{l.partnerName}</Link>,
                sortValue: (l) => l.partnerName,
              },
              {
                id: 'net',
                header: 'Pays',
                align: 'right',
                cell: (l) => formatMoney(l.net),
                sortValue: (l) => l.net.amountMinor,
              },
              { id: 'fee', header: 'Fee', align: 'right', cell: (l) => formatMoney(l.fee) },
              { id: 'method', header: 'Method', cell: (l) => humanize(l.method) },
              { id: 'rows', header: 'Commissions', align: 'right', cell: (l) => l.rows },
            ]}
          />
        )}
      </Card>
      {p && p.heldBack.length > 0 ? (
        <Card
          title="Held back"
          description="Their balance stays and carries over to a later batch."
          className="is-flush"
        >
          <ListTable
            label="Held back"
            testId="payouts-held"
            rows={p.heldBack}
            rowKey={(h) => `${h.partnerId}-${h.amount.currency}`}
            columns={[
              {
                id: 'partner',
                header: 'Partner',
                cell: (h) => <Link to={`/partners/${h.partnerId}`}>{h.partnerName}</Link>,
              },
              { id: 'amount', header: 'Balance', align: 'right', cell: (h) => formatMoney(h.amount) },
              {
                id: 'reason',
                header: 'Why',
                cell: (h) => (
                  <>
                    <span className="cell-main" data-reason={h.reason}>
                      {REASONS[h.reason] ?? humanize(h.reason)}
                    </span>
                    <span className="cell-sub">{h.explanation}</span>
                  </>
                ),
              },
            ]}
          />
        </Card>
      ) : null}
      <Card title="History" className="is-flush">
        {history.isError ? (
          <ErrorState message={errorMessage(history.error)} onRetry={() => void history.refetch()} />
        ) : !history.data ? (
          <LoadingState />
        ) : (
          <ListTable
            label="Payout batches"
            testId="payout-batches"
            rows={history.data}
            rowKey={(b) => b.id}
            empty="No batch yet."
            columns={[
              {
                id: 'created',
                header: 'Created',
                cell: (b) => (
                  <Link to={`/payouts/${b.id}`}>
                    <DateTime value={b.createdAt} />
                  </Link>
                ),
              },
              { id: 'total', header: 'Total', align: 'right', cell: (b) => formatMoney(b.total) },
              { id: 'status', header: 'Status', cell: (b) => <StatusBadge status={b.status} /> },
              {
                id: 'payouts',
                header: 'Payouts',
                cell: (b) => `${b.paid} paid / ${b.payouts}${b.failed ? `, ${b.failed} failed` : ''}`,
              },
              { id: 'by', header: 'By', cell: (b) => b.createdByName ?? 'Schedule' },
            ]}
          />
        )}
      </Card>
    </>
  )
}
