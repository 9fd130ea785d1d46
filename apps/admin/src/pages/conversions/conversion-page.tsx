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
import { formatMajor, formatPpmShare, parseMajor } from '../../kit/money-input.ts'
import { MutationStatus } from '../../kit/mutation-status.tsx'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { canManage, useCurrentUser } from '../../session/use-session.ts'
import { useTRPC } from '../../trpc.ts'

/** One conversion: why it is attributed as it is, what each rule paid and why, its ledger and history. */
export function ConversionPage() {
  const { conversionId = '' } = useParams()
  const trpc = useTRPC()
  const user = useCurrentUser()
  const queryClient = useQueryClient()
  const conversion = useQuery(trpc.conversions.get.queryOptions({ conversionId }))
  const refresh = () => queryClient.invalidateQueries(trpc.conversions.pathFilter())
  const review = useMutation(trpc.conversions.review.mutationOptions({ onSuccess: refresh }))
  const refund = useMutation(trpc.conversions.refund.mutationOptions({ onSuccess: refresh }))
  const [amount, setAmount] = useState('')
  const [refundId, setRefundId] = useState('')
  const [amountError, setAmountError] = useState<string | null>(null)
  usePageTitle(conversion.data ? `Order ${conversion.data.orderId}` : 'Conversion')
  if (conversion.isError)
    return (
      <ErrorState
        title="Could not load the conversion"
        message={errorMessage(conversion.error)}
        onRetry={() => void conversion.refetch()}
      />
    )
  if (!conversion.data) return <LoadingState label="Loading the conversion…" />
  const c = conversion.data
  const manager = canManage(user)
  const remaining = c.amount.amountMinor - c.refunded.amountMinor
  return (
    <>
      <PageHeader
        title={`Order ${c.orderId}`}
        description={
          <>
            {humanize(c.event)} in <Link to={`/programs/${c.programId}`}>{c.programName}</Link> ·{' '}
            <StatusBadge status={c.status} /> · via {humanize(c.source)}
          </>
        }
        actions={
          manager && c.status === 'pending' ? (
            <div className="row">
              <button
                type="button"
                className="button button-primary"
                disabled={review.isPending}
                onClick={() => review.mutate({ conversionId: c.id, status: 'approved' })}
              >
                Approve
              </button>
              <ConfirmButton
                danger
                className="button button-danger"
                title="Reject this conversion?"
                message="It earns nothing; a rejection is final."
                confirmLabel="Reject"
                reason="required"
                onConfirm={(reason) => review.mutate({ conversionId: c.id, status: 'rejected', reason })}
              >
                Reject
              </ConfirmButton>
              <MutationStatus mutation={review} pending="Deciding…" success={null} />
            </div>
          ) : null
        }
      />
      <Card title="The sale">
        <dl className="kv card-body" data-testid="conversion-facts">
          <dt>Amount</dt>
          <dd>
            {formatMoney(c.amount)} (tax {formatMoney(c.tax)}, shipping {formatMoney(c.shipping)})
          </dd>
          <dt>Refunded</dt>
          <dd data-value={c.refunded.amountMinor}>{formatMoney(c.refunded)}</dd>
          <dt>Partner</dt>
          <dd>
            {c.partnerId ? <Link to={`/partners/${c.partnerId}`}>{c.partnerName}</Link> : 'Unattributed'}
          </dd>
          <dt>Occurred</dt>
          <dd>
            <DateTime value={c.occurredAt} />
          </dd>
          <dt>Hold until</dt>
          <dd>
            <DateTime value={c.holdUntil} />
          </dd>
          <dt>Decided</dt>
          <dd>
            <DateTime value={c.decidedAt} />
          </dd>
          <dt>Priced by</dt>
          <dd>{c.ruleSetVersion ? `Rule set version ${c.ruleSetVersion}` : 'No rules were in force'}</dd>
          {c.couponCode ? (
            <>
              <dt>Coupon</dt>
              <dd className="mono">{c.couponCode}</dd>
            </>
          ) : null}
          {c.customerExternalId ? (
            <>
              <dt>Customer</dt>
              <dd className="mono">{c.customerExternalId}</dd>
            </>
          ) : null}
          {Object.keys(c.subIds).length > 0 ? (
            <>
              <dt>Sub ids</dt>
              <dd className="mono">
                {Object.entries(c.subIds)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(' · ')}
              </dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Card
        title="Why this attribution"
        description={`Source: ${humanize(c.attribution.source)}${c.attribution.fraudScore !== null ? ` · fraud score ${c.attribution.fraudScore}` : ''}`}
      >
        <div className="card-body stack">
          <p data-testid="attribution-explanation">
            {c.attribution.explanation || 'No touch was recorded with this conversion.'}
          </p>
          {c.attribution.shares.length > 0 ? (
            <ul className="plain-list">
              {c.attribution.shares.map((s) => (
                <li key={s.partnerId}>
                  <strong>{formatPpmShare(s.weightPpm)}</strong>{' '}
                  <span className="explanation">{s.reason}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {c.fraudFlags.length > 0 ? (
            <div className="banner is-warn" role="note">
              <strong>Flags</strong>
              <ul className="plain-list">
                {c.fraudFlags.map((f) => (
                  <li key={f.code + f.reason}>
                    {humanize(f.code)}: {f.reason}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </Card>
      <Card
        title="Touches"
        description="The clicks the conversion carried, as the tracker recorded them."
        className="is-flush"
      >
        <ListTable
          label="Touches"
          rows={c.touches}
          rowKey={(t) => t.clickId}
          empty="No recorded click (a coupon, a lifetime customer, or none)."
          columns={[
            { id: 'at', header: 'When', cell: (t) => <DateTime value={t.at} /> },
            { id: 'link', header: 'Link', cell: (t) => `#${t.linkId}` },
            {
              id: 'where',
              header: 'From',
              cell: (t) => [t.country, t.device, t.referer].filter(Boolean).join(' · ') || '—',
            },
            { id: 'subs', header: 'Sub ids', cell: (t) => t.subIds.filter(Boolean).join(' · ') || '—' },
            {
              id: 'bot',
              header: 'Bot',
              cell: (t) => (t.bot ? <span className="badge badge-bad">Bot</span> : 'No'),
            },
          ]}
        />
      </Card>
      <Card
        title="Commissions and ledger"
        description="Every row this conversion wrote; refunds add reversal rows, history is never edited."
        className="is-flush"
      >
        <ListTable
          label="Ledger rows"
          testId="ledger-rows"
          rows={c.ledger}
          rowKey={(m) => m.id}
          empty="No commission: nobody was attributed, or no rule priced it."
          columns={[
            {
              id: 'amount',
              header: 'Amount',
              align: 'right',
              cell: (m) => <span data-value={m.amount.amountMinor}>{formatMoney(m.amount)}</span>,
            },
            {
              id: 'partner',
              header: 'Partner',
              cell: (m) => <Link to={`/partners/${m.partnerId}`}>{m.partnerName}</Link>,
            },
            {
              id: 'kind',
              header: 'Kind',
              cell: (m) =>
                `${humanize(m.kind)}${m.level > 0 ? ` (level ${m.level})` : ''}${m.ruleName ? ` · ${m.ruleName}` : ''}`,
            },
            {
              id: 'status',
              header: 'Status',
              cell: (m) => (
                <>
                  <StatusBadge status={m.status} />{' '}
                  {m.payoutStatus ? <span className="muted">payout {m.payoutStatus}</span> : null}
                </>
              ),
            },
            {
              id: 'why',
              header: 'Explanation',
              cell: (m) => <span className="explanation">{m.explanation}</span>,
            },
          ]}
        />
      </Card>
      {manager && remaining > 0 && c.status !== 'rejected' ? (
        <Card
          title="Record a refund"
          description={`Up to ${formatMoney({ amountMinor: remaining, currency: c.amount.currency })} is left to refund.`}
        >
          <form
            className="card-body form"
            noValidate
            aria-label="Record a refund"
            onSubmit={(e) => {
              e.preventDefault()
              const minor = amount.trim() ? parseMajor(amount, c.amount.currency) : remaining
              if (minor === null || minor <= 0) {
                setAmountError(
                  `An amount in ${c.amount.currency}, such as ${formatMajor(remaining, c.amount.currency)}`,
                )
                return
              }
              if (minor > remaining) {
                setAmountError(`At most ${formatMajor(remaining, c.amount.currency)}`)
                return
              }
              setAmountError(null)
              refund.mutate(
                {
                  conversionId: c.id,
                  amountMinor: minor,
                  ...(refundId.trim() ? { refundId: refundId.trim() } : {}),
                },
                { onSuccess: () => setAmount('') },
              )
            }}
          >
            <div className="form-grid">
              <div className="form-field">
                <label htmlFor="refund-amount">Amount ({c.amount.currency})</label>
                <input
                  id="refund-amount"
                  className="input"
                  inputMode="decimal"
                  placeholder={`${formatMajor(remaining, c.amount.currency)} (everything left)`}
                  value={amount}
                  aria-invalid={amountError ? true : undefined}
                  onChange={(e) => setAmount(e.target.value)}
                />
                {amountError ? (
                  <span className="form-error" role="alert">
                    {amountError}
                  </span>
                ) : null}
              </div>
              <div className="form-field">
                <label htmlFor="refund-id">Refund reference</label>
                <input
                  id="refund-id"
                  className="input"
                  value={refundId}
                  maxLength={128}
                  onChange={(e) => setRefundId(e.target.value)}
                />
                <span className="form-hint">Optional: the shop's refund id (a repeat is applied once)</span>
              </div>
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={refund.isPending}>
                Record refund
              </button>
              <MutationStatus mutation={refund} pending="Recording…" success="Refund recorded." />
            </div>
          </form>
        </Card>
      ) : null}
      {c.refunds.length > 0 ? (
        <Card title="Refunds">
          <ul className="plain-list card-body">
            {c.refunds.map((r) => (
              <li key={r.refundId}>
                {formatMoney(r.amount)} · <span className="mono">{r.refundId}</span> · via{' '}
                {humanize(r.source)} · <DateTime value={r.createdAt} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="History">
        <ul className="plain-list card-body">
          {c.audit.map((a) => (
            <li key={a.id}>
              <DateTime value={a.at} /> · <strong>{humanize(a.action.replace('.', ' '))}</strong> by{' '}
              {a.actorName ?? humanize(a.actorType)}
              {typeof a.data.reason === 'string' ? (
                <span className="explanation"> — {a.data.reason}</span>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
    </>
  )
}
