import type { AdminInputs, AdminOutputs } from '@tandem/api'
import {
  Card,
  DateRangePicker,
  ErrorState,
  errorMessage,
  formatMoney,
  humanize,
  LoadingState,
  MoneyList,
  MoneyText,
  PageHeader,
  Pager,
  SearchField,
  SelectField,
  StatusBadge,
  Toolbar,
  useCursorPager,
  useSearchParam,
} from '@tandem/ui'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link } from 'react-router'
import { ConfirmButton } from '../kit/confirm-button.tsx'
import { DateTime } from '../kit/date-time.tsx'
import { ListTable } from '../kit/list-table.tsx'
import { MutationStatus } from '../kit/mutation-status.tsx'
import { usePageTitle } from '../kit/use-page-title.ts'
import { parseUuid } from '../search-values.ts'
import { canManage, useCurrentUser } from '../session/use-session.ts'
import { useTRPC } from '../trpc.ts'
import { ProgramFilter } from './program-filter.tsx'
import { StatusFilter } from './status-filter.tsx'
import { useListFilters } from './use-list-filters.ts'

type Conversion = AdminOutputs['conversions']['list']['items'][number]
type ConversionStatus = NonNullable<AdminInputs['conversions']['list']['status']>

const STATUSES: readonly ConversionStatus[] = ['pending', 'approved', 'rejected', 'reversed']
const PAGE_SIZE = 50

/** The review queue: filters, one-by-one and bulk approve / reject with a reason, links to each detail. */
export function ConversionsPage() {
  const trpc = useTRPC()
  const user = useCurrentUser()
  const queryClient = useQueryClient()
  const { today, selection, setSelection, range, programId, setProgram, status, setStatus } =
    useListFilters(STATUSES)
  const [rawOrder, setOrder] = useSearchParam('order')
  const [rawFlagged, setFlagged] = useSearchParam('flagged')
  const [rawPartner, setPartner] = useSearchParam('partner')
  const orderId = rawOrder?.trim().slice(0, 128) || undefined
  const flagged = rawFlagged === 'yes' ? true : rawFlagged === 'no' ? false : undefined
  const partnerId = parseUuid(rawPartner)
  const filters = { programId, status, orderId, flagged, partnerId, ...range }
  const pager = useCursorPager(JSON.stringify(filters))
  const list = useQuery(
    trpc.conversions.list.queryOptions(
      { ...filters, limit: PAGE_SIZE, cursor: pager.cursor },
      { placeholderData: keepPreviousData },
    ),
  )
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const refresh = () => queryClient.invalidateQueries(trpc.conversions.pathFilter())
  const bulk = useMutation(trpc.conversions.bulkReview.mutationOptions({ onSuccess: () => refresh() }))
  const review = useMutation(trpc.conversions.review.mutationOptions({ onSuccess: () => refresh() }))
  const manager = canManage(user)
  const rows = list.data?.items ?? []
  const selectable = rows.filter((c) => c.status === 'pending')
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const isQueue = status === 'pending'
  usePageTitle(isQueue ? 'Review queue' : 'Conversions')

  return (
    <>
      <PageHeader
        title={isQueue ? 'Review queue' : 'Conversions'}
        description="Sales and leads with their attribution and commission. Approve or reject pending ones, one by one or in bulk."
        actions={<DateRangePicker value={selection} onChange={setSelection} today={today} />}
      />
      <Toolbar>
        <SearchField label="Order id" value={orderId ?? ''} onChange={(v) => setOrder(v || null)} />
        <ProgramFilter value={programId} onChange={(id) => setProgram(id ?? null)} />
        <StatusFilter label="Status" statuses={STATUSES} value={status} onChange={setStatus} />
        <SelectField
          label="Fraud flags"
          value={rawFlagged ?? ''}
          onChange={(v) => setFlagged(v || null)}
          options={[
            { value: '', label: 'Any' },
            { value: 'yes', label: 'Flagged' },
            { value: 'no', label: 'Not flagged' },
          ]}
        />
        {partnerId ? (
          <button type="button" className="button button-small" onClick={() => setPartner(null)}>
            One partner ✕
          </button>
        ) : null}
        <button type="button" className="button button-small" onClick={() => setStatus('pending')}>
          Pending only
        </button>
      </Toolbar>
      {manager && selected.size > 0 ? (
        <section className="banner row" aria-label="Bulk actions">
          <strong>{selected.size} selected</strong>
          <ConfirmButton
            title={`Approve ${selected.size} conversion${selected.size === 1 ? '' : 's'}?`}
            message="Their commissions become approved and payable."
            confirmLabel="Approve"
            reason="optional"
            onConfirm={(reason) =>
              bulk.mutate(
                { conversionIds: [...selected], status: 'approved', ...(reason ? { reason } : {}) },
                { onSuccess: () => setSelected(new Set()) },
              )
            }
          >
            Approve selected
          </ConfirmButton>
          <ConfirmButton
            danger
            title={`Reject ${selected.size} conversion${selected.size === 1 ? '' : 's'}?`}
            message="They earn nothing; a rejection is final."
            confirmLabel="Reject"
            reason="required"
            onConfirm={(reason) =>
              bulk.mutate(
                { conversionIds: [...selected], status: 'rejected', reason },
                { onSuccess: () => setSelected(new Set()) },
              )
            }
          >
            Reject selected
          </ConfirmButton>
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => setSelected(new Set())}
          >
            Clear
          </button>
        </section>
      ) : null}
      <MutationStatus
        mutation={bulk}
        pending="Deciding…"
        success={bulk.data ? bulkSummary(bulk.data.results) : null}
      />
      <MutationStatus mutation={review} pending="Deciding…" success={null} />
      <Card className="is-flush">
        {list.isError ? (
          <ErrorState
            title="Could not load conversions"
            message={errorMessage(list.error)}
            onRetry={() => void list.refetch()}
          />
        ) : !list.data ? (
          <LoadingState label="Loading conversions…" />
        ) : (
          <>
            <ListTable
              label="Conversions"
              testId="conversions-table"
              rows={rows}
              rowKey={(c) => c.id}
              empty={
                status || programId || orderId || flagged !== undefined
                  ? 'No conversions match these filters.'
                  : 'No conversions in this period.'
              }
              columns={[
                ...(manager
                  ? [
                      {
                        id: 'select',
                        header: '',
                        cell: (c: Conversion) =>
                          c.status === 'pending' ? (
                            <input
                              type="checkbox"
                              aria-label={`Select order ${c.orderId}`}
                              checked={selected.has(c.id)}
                              onChange={() => toggle(c.id)}
                            />
                          ) : null,
                      },
                    ]
                  : []),
                {
                  id: 'order',
                  header: 'Order',
                  cell: (c: Conversion) => (
                    <>
                      <Link className="cell-main mono" to={`/conversions/${c.id}`}>
                        {c.orderId}
                      </Link>
                      <span className="cell-sub">
                        {humanize(c.event)} · {humanize(c.source)}
                        {c.couponCode ? ` · coupon ${c.couponCode}` : ''}
                      </span>
                    </>
                  ),
                },
                {
                  id: 'status',
                  header: 'Status',
                  cell: (c: Conversion) => (
                    <>
                      <StatusBadge status={c.status} />
                      {c.fraudFlags.length > 0 ? (
                        <span
                          className="badge badge-bad"
                          title={c.fraudFlags.map((f) => f.reason).join('\n')}
                        >
                          {c.fraudFlags.length} flag{c.fraudFlags.length === 1 ? '' : 's'}
                        </span>
                      ) : null}
                    </>
                  ),
                },
                {
                  id: 'amount',
                  header: 'Amount',
                  align: 'right' as const,
                  cell: (c: Conversion) => (
                    <>
                      <MoneyText value={c.amount} />
                      {c.refunded.amountMinor !== 0 ? (
                        <span className="cell-sub">{formatMoney(c.refunded)} refunded</span>
                      ) : null}
                    </>
                  ),
                },
                {
                  id: 'commission',
                  header: 'Commission',
                  align: 'right' as const,
                  cell: (c: Conversion) => <MoneyList values={c.commissions} />,
                },
                {
                  id: 'partner',
                  header: 'Partner',
                  cell: (c: Conversion) => c.partnerName ?? <span className="muted">Unattributed</span>,
                },
                { id: 'program', header: 'Program', cell: (c: Conversion) => c.programName },
                { id: 'when', header: 'When', cell: (c: Conversion) => <DateTime value={c.occurredAt} /> },
                ...(manager
                  ? [
                      {
                        id: 'actions',
                        header: '',
                        cell: (c: Conversion) =>
                          c.status === 'pending' ? (
                            <span className="inline-actions">
                              <button
                                type="button"
                                className="button button-small"
                                aria-label={`Approve order ${c.orderId}`}
                                disabled={review.isPending}
                                onClick={() => review.mutate({ conversionId: c.id, status: 'approved' })}
                              >
                                Approve
                              </button>
                              <ConfirmButton
                                danger
                                title={`Reject order ${c.orderId}?`}
                                message="It earns nothing; a rejection is final."
                                confirmLabel="Reject"
                                reason="required"
                                ariaLabel={`Reject order ${c.orderId}`}
                                onConfirm={(reason) =>
                                  review.mutate({ conversionId: c.id, status: 'rejected', reason })
                                }
                              >
                                Reject
                              </ConfirmButton>
                            </span>
                          ) : null,
                      },
                    ]
                  : []),
              ]}
            />
            {manager && selectable.length > 0 ? (
              <div className="card-body row">
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setSelected(new Set(selectable.map((c) => c.id)))}
                >
                  Select all {selectable.length} pending on this page
                </button>
              </div>
            ) : null}
            <Pager
              page={pager.page}
              rowCount={rows.length}
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

function bulkSummary(results: readonly { ok: boolean; message: string | null }[]): string {
  const done = results.filter((r) => r.ok).length
  const failed = results.filter((r) => !r.ok)
  return failed.length === 0
    ? `${done} decided.`
    : `${done} decided; ${failed.length} not: ${[...new Set(failed.map((f) => f.message))].join('; ')}`
}
