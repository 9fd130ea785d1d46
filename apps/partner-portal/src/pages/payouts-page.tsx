import type { PartnerOutputs } from '@tandem/api'
import {
  Card,
  type Column,
  DataTable,
  ErrorState,
  errorMessage,
  formatMoney,
  LoadingState,
  MoneyList,
  MoneyText,
  moneyDataValue,
  PageHeader,
  StatCard,
  StatGrid,
  StatusBadge,
} from '@tandem/ui'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { saveFile } from '../format/download.ts'
import { dateOf, whenWithZone } from '../format/when.ts'
import { useTRPC } from '../trpc.ts'

type Payout = PartnerOutputs['payouts']['list'][number]

function useStatement() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [state, setState] = useState<string | null>(null)
  const download = async (input: { payoutId?: string; month?: string; format: 'pdf' | 'csv' }) => {
    setState('Preparing…')
    try {
      saveFile(await queryClient.fetchQuery(trpc.payouts.statement.queryOptions(input, { staleTime: 0 })))
      setState(null)
    } catch (error) {
      setState(`Could not make the statement: ${errorMessage(error)}`)
    }
  }
  return { download, state }
}

const columns: Column<Payout>[] = [
  {
    id: 'when',
    header: 'Payout',
    cell: (p) => (
      <Link to={`/payouts/${p.id}`} className="cell-main">
        {dateOf(p.paidAt ?? p.createdAt)}
      </Link>
    ),
  },
  { id: 'amount', header: 'Amount', align: 'right', cell: (p) => <MoneyText value={p.amount} /> },
  { id: 'status', header: 'Status', cell: (p) => <StatusBadge status={p.status} /> },
  { id: 'program', header: 'Program', cell: (p) => p.programName ?? '—' },
  {
    id: 'method',
    header: 'Method',
    cell: (p) =>
      p.method === 'bank_transfer' ? 'Bank transfer' : p.method === 'paypal' ? 'PayPal' : p.method,
  },
  { id: 'lines', header: 'Lines', align: 'right', cell: (p) => p.lines },
]

/** Last 12 UTC months, newest first: "2026-11". */
function recentMonths(n = 12): string[] {
  const now = new Date()
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))
    return d.toISOString().slice(0, 7)
  })
}

/** /payouts — balances (all time), thresholds and next payout days, payout history, monthly statements. */
export function PayoutsPage() {
  const trpc = useTRPC()
  const summary = useQuery(trpc.payouts.summary.queryOptions())
  const list = useQuery(trpc.payouts.list.queryOptions())
  const months = recentMonths()
  const [month, setMonth] = useState(months[0] ?? '')
  const statement = useStatement()
  const s = summary.data
  const zero = s?.programs[0]?.threshold.currency ?? null
  return (
    <>
      <PageHeader
        title="Payouts"
        description="Your balances (all time, whatever the dates elsewhere), when you get paid, and every payout."
      />
      {summary.isError ? (
        <Card>
          <ErrorState message={errorMessage(summary.error)} onRetry={() => void summary.refetch()} />
        </Card>
      ) : (
        <StatGrid>
          <StatCard
            label="Pending (all time)"
            testId="balance-pending"
            loading={!s}
            dataValue={moneyDataValue(s?.balances.pending ?? [])}
            value={<MoneyList values={s?.balances.pending ?? []} emptyCurrency={zero} />}
            hint="In the hold period"
          />
          <StatCard
            label="Approved, not paid"
            testId="balance-approved"
            loading={!s}
            dataValue={moneyDataValue(s?.balances.approved ?? [])}
            value={<MoneyList values={s?.balances.approved ?? []} emptyCurrency={zero} />}
            hint="Goes into your next payout"
          />
          <StatCard
            label="In a payout"
            testId="balance-in-payout"
            loading={!s}
            dataValue={moneyDataValue(s?.balances.inPayout ?? [])}
            value={<MoneyList values={s?.balances.inPayout ?? []} emptyCurrency={zero} />}
            hint="Being sent"
          />
          <StatCard
            label="Paid (all time)"
            testId="balance-paid"
            loading={!s}
            dataValue={moneyDataValue(s?.balances.paid ?? [])}
            value={<MoneyList values={s?.balances.paid ?? []} emptyCurrency={zero} />}
          />
        </StatGrid>
      )}
      {s && (!s.payoutMethodSet || s.holdReason) ? (
        <div className={s.holdReason ? 'alert alert-error' : 'alert alert-info'} role="status">
          {s.holdReason ? `Your payouts are on hold: ${s.holdReason}` : null}
          {!s.payoutMethodSet ? (
            <>
              We cannot pay you yet: <Link to="/settings">set your payout method</Link>.
            </>
          ) : null}
        </div>
      ) : null}
      {s && s.programs.length > 0 ? (
        <Card title="Next payouts">
          <ul className="plain-list" data-testid="next-payouts">
            {s.programs.map((p) => (
              <li key={p.programId}>
                <strong>{p.programName}</strong>: {formatMoney(p.approved)} approved of the{' '}
                {formatMoney(p.threshold)} minimum ·{' '}
                {p.nextPayoutDay
                  ? `next payout run ${dateOf(`${p.nextPayoutDay}T00:00:00Z`)}`
                  : 'paid when the program team runs payouts'}
                {p.reachesThreshold ? ' · you will be included' : ''}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card
        className="is-flush"
        title="Payout history"
        actions={
          <span className="form-actions">
            <label className="visually-hidden" htmlFor="statement-month">
              Month
            </label>
            <select
              id="statement-month"
              className="input select"
              value={month}
              onChange={(e) => setMonth(e.target.value)}
            >
              {months.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
            <button
              type="button"
              className="button button-small"
              onClick={() => void statement.download({ month, format: 'pdf' })}
            >
              Monthly PDF
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => void statement.download({ month, format: 'csv' })}
            >
              CSV
            </button>
          </span>
        }
      >
        {statement.state ? <p className="muted small">{statement.state}</p> : null}
        {list.isError ? (
          <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
        ) : !list.data ? (
          <LoadingState />
        ) : (
          <div className="responsive-table">
            <DataTable
              label="Payouts"
              testId="payouts-table"
              columns={columns}
              rows={list.data}
              rowKey={(p) => p.id}
              empty="No payouts yet."
            />
          </div>
        )}
      </Card>
    </>
  )
}

/** /payouts/:id — one payout, the lines it covered, and its statement. */
export function PayoutDetailPage() {
  const { id = '' } = useParams()
  const trpc = useTRPC()
  const payout = useQuery(trpc.payouts.get.queryOptions({ payoutId: id }, { retry: false }))
  const statement = useStatement()
  if (payout.isError)
    return (
      <Card>
        <ErrorState title="Payout not found" message={errorMessage(payout.error)} />
        <Link to="/payouts">Back to payouts</Link>
      </Card>
    )
  if (!payout.data) return <LoadingState />
  const p = payout.data
  return (
    <>
      <PageHeader
        title={`Payout of ${formatMoney(p.amount)}`}
        description={`${p.programName ?? ''} · ${p.status}${p.paidAt ? ` on ${whenWithZone(p.paidAt)}` : ''}${p.reference ? ` · reference ${p.reference}` : ''}`}
        actions={
          <>
            <button
              type="button"
              className="button button-primary"
              data-testid="statement-pdf"
              onClick={() => void statement.download({ payoutId: p.id, format: 'pdf' })}
            >
              Statement (PDF)
            </button>
            <button
              type="button"
              className="button"
              data-testid="statement-csv"
              onClick={() => void statement.download({ payoutId: p.id, format: 'csv' })}
            >
              CSV
            </button>
          </>
        }
      />
      {statement.state ? <p className="muted small">{statement.state}</p> : null}
      <Card className="is-flush" title="What this payout covered">
        <div className="responsive-table">
          <DataTable
            label="Payout lines"
            testId="payout-lines"
            rows={p.items}
            rowKey={(l) => `${l.at}-${l.orderId}-${l.amount.amountMinor}`}
            columns={[
              {
                id: 'order',
                header: 'Order',
                cell: (l) => (l.orderId ? <span className="mono">{l.orderId}</span> : '—'),
              },
              { id: 'amount', header: 'Amount', align: 'right', cell: (l) => <MoneyText value={l.amount} /> },
              { id: 'why', header: 'Why', cell: (l) => <span className="explain">{l.explanation}</span> },
              { id: 'at', header: 'Recorded', cell: (l) => <span className="nowrap">{dateOf(l.at)}</span> },
            ]}
          />
        </div>
      </Card>
      <Link to="/payouts">Back to payouts</Link>
    </>
  )
}
