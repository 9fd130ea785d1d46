import {
  Card,
  ErrorState,
  errorMessage,
  formatMoney,
  humanize,
  LoadingState,
  PageHeader,
  StatusBadge,
} from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { ConfirmButton } from '../../kit/confirm-button.tsx'
import { DateTime } from '../../kit/date-time.tsx'
import { ListTable } from '../../kit/list-table.tsx'
import { MutationStatus } from '../../kit/mutation-status.tsx'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { canManage, useCurrentUser } from '../../session/use-session.ts'
import { useTRPC } from '../../trpc.ts'
import { downloadText } from './download.ts'

/** One batch: its payouts, the files for the bank or PayPal, and what the bank said (paid / failed). */
export function BatchPage() {
  const { batchId = '' } = useParams()
  const trpc = useTRPC()
  const user = useCurrentUser()
  const queryClient = useQueryClient()
  const batch = useQuery(trpc.payouts.batch.queryOptions({ batchId }))
  const refresh = () => queryClient.invalidateQueries(trpc.payouts.pathFilter())
  const mark = useMutation(trpc.payouts.markPayout.mutationOptions({ onSuccess: refresh }))
  const markAll = useMutation(trpc.payouts.markBatchPaid.mutationOptions({ onSuccess: refresh }))
  const exportFile = useMutation(
    trpc.payouts.export.mutationOptions({
      onSuccess: (f) => downloadText(f.filename, f.mimeType, f.content),
    }),
  )
  const [debtor, setDebtor] = useState({ name: '', iban: '', bic: '', executionDate: '' })
  usePageTitle('Payout batch')
  if (batch.isError)
    return (
      <ErrorState
        title="Could not load the batch"
        message={errorMessage(batch.error)}
        onRetry={() => void batch.refetch()}
      />
    )
  if (!batch.data) return <LoadingState label="Loading the batch…" />
  const b = batch.data
  const manager = canManage(user)
  const pending = b.lines.filter((l) => l.status === 'pending').length
  return (
    <>
      <PageHeader
        title={`Payout batch · ${formatMoney(b.total)}`}
        description={
          <>
            {b.programName} · <StatusBadge status={b.status} /> · created <DateTime value={b.createdAt} />
            {b.createdByName ? ` by ${b.createdByName}` : ''}
          </>
        }
        actions={
          manager && pending > 0 ? (
            <ConfirmButton
              className="button button-primary"
              title="Mark the whole batch paid?"
              message={`${pending} pending payout${pending === 1 ? '' : 's'} become paid: final, a payout is paid once. Enter the bank's reference if you have it.`}
              confirmLabel="Mark paid"
              reason="optional"
              onConfirm={(reference) =>
                markAll.mutate({ batchId: b.id, ...(reference ? { reference } : {}) })
              }
            >
              Mark batch paid
            </ConfirmButton>
          ) : null
        }
      />
      <MutationStatus mutation={markAll} pending="Marking paid…" success="Batch marked paid." />
      <Card title="Payouts" className="is-flush">
        <ListTable
          label="Payouts"
          testId="batch-lines"
          rows={b.lines}
          rowKey={(l) => l.id}
          columns={[
            {
              id: 'partner',
              header: 'Partner',
              cell: (l) => <Link to={`/partners/${l.partnerId}`}>{l.partnerName}</Link>,
            },
            { id: 'amount', header: 'Amount', align: 'right', cell: (l) => formatMoney(l.amount) },
            {
              id: 'method',
              header: 'Method',
              cell: (l) => `${humanize(l.method)}${l.account ? ` · ${l.account}` : ''}`,
            },
            { id: 'status', header: 'Status', cell: (l) => <StatusBadge status={l.status} /> },
            { id: 'ref', header: 'Reference', cell: (l) => l.reference ?? '—' },
            {
              id: 'actions',
              header: '',
              cell: (l) =>
                manager && l.status === 'pending' ? (
                  <span className="inline-actions">
                    <ConfirmButton
                      title={`Mark the payout to ${l.partnerName} paid?`}
                      message="Final: a payout is paid once."
                      confirmLabel="Mark paid"
                      reason="optional"
                      ariaLabel={`Mark ${l.partnerName} paid`}
                      onConfirm={(reference) =>
                        mark.mutate({ payoutId: l.id, status: 'paid', ...(reference ? { reference } : {}) })
                      }
                    >
                      Paid
                    </ConfirmButton>
                    <ConfirmButton
                      danger
                      title={`Mark the payout to ${l.partnerName} failed?`}
                      message="Its commissions go back to the balance and into the next batch."
                      confirmLabel="Mark failed"
                      reason="required"
                      ariaLabel={`Mark ${l.partnerName} failed`}
                      onConfirm={(reason) => mark.mutate({ payoutId: l.id, status: 'failed', reason })}
                    >
                      Failed
                    </ConfirmButton>
                  </span>
                ) : null,
            },
          ]}
        />
        <MutationStatus mutation={mark} pending="Saving…" success={null} />
      </Card>
      {manager ? (
        <Card
          title="Export"
          description="Files for your bank or PayPal. Payment files hold the pending payouts only."
        >
          <div className="card-body stack">
            <div className="row">
              <button
                type="button"
                className="button"
                disabled={exportFile.isPending}
                onClick={() => exportFile.mutate({ batchId: b.id, format: 'csv' })}
              >
                Download CSV
              </button>
              <button
                type="button"
                className="button"
                disabled={exportFile.isPending}
                onClick={() => exportFile.mutate({ batchId: b.id, format: 'paypal' })}
              >
                PayPal Payouts file
              </button>
            </div>
            <form
              className="form"
              aria-label="SEPA credit transfer"
              onSubmit={(e) => {
                e.preventDefault()
                exportFile.mutate({
                  batchId: b.id,
                  format: 'sepa',
                  debtor: {
                    name: debtor.name,
                    iban: debtor.iban,
                    ...(debtor.bic.trim() ? { bic: debtor.bic.trim() } : {}),
                  },
                  ...(debtor.executionDate ? { executionDate: debtor.executionDate } : {}),
                })
              }}
            >
              <h3 className="form-label">SEPA credit transfer (pain.001.001.03)</h3>
              <div className="form-grid">
                <div className="form-field">
                  <label htmlFor="debtor-name">Your company (account holder)</label>
                  <input
                    id="debtor-name"
                    className="input"
                    required
                    value={debtor.name}
                    onChange={(e) => setDebtor({ ...debtor, name: e.target.value })}
                  />
                </div>
                <div className="form-field">
                  <label htmlFor="debtor-iban">Your IBAN</label>
                  <input
                    id="debtor-iban"
                    className="input"
                    required
                    value={debtor.iban}
                    onChange={(e) => setDebtor({ ...debtor, iban: e.target.value })}
                  />
                </div>
                <div className="form-field">
                  <label htmlFor="debtor-bic">Your BIC</label>
                  <input
                    id="debtor-bic"
                    className="input"
                    value={debtor.bic}
                    onChange={(e) => setDebtor({ ...debtor, bic: e.target.value })}
                  />
                  <span className="form-hint">Optional within SEPA</span>
                </div>
                <div className="form-field">
                  <label htmlFor="debtor-date">Execution date</label>
                  <input
                    id="debtor-date"
                    className="input input-date"
                    type="date"
                    value={debtor.executionDate}
                    onChange={(e) => setDebtor({ ...debtor, executionDate: e.target.value })}
                  />
                  <span className="form-hint">Empty: today</span>
                </div>
              </div>
              <div className="form-actions">
                <button type="submit" className="button" disabled={exportFile.isPending}>
                  Download SEPA XML
                </button>
              </div>
            </form>
            <MutationStatus mutation={exportFile} pending="Preparing the file…" success="Downloaded." />
          </div>
        </Card>
      ) : null}
    </>
  )
}
