import type { PartnerOutputs } from '@tandem/api'
import {
  Card,
  DateRangePicker,
  EmptyState,
  ErrorState,
  errorMessage,
  formatCompactMoney,
  formatCount,
  formatMoney,
  formatRate,
  type Money,
  MoneyList,
  moneyDataValue,
  PageHeader,
  resolveRange,
  StatCard,
  StatGrid,
  TimeSeriesChart,
  useRangeSearch,
  utcIsoDay,
} from '@tandem/ui'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useCurrentUser } from '../session/use-session.ts'
import { useTRPC } from '../trpc.ts'

type Summary = PartnerOutputs['dashboard']['summary']

export function DashboardPage() {
  const trpc = useTRPC()
  const user = useCurrentUser()
  const today = utcIsoDay(new Date())
  const [selection, setSelection] = useRangeSearch('30d')
  const range = resolveRange(selection, today)
  const summary = useQuery(trpc.dashboard.summary.queryOptions(range))
  const firstName = user.name.split(' ')[0] ?? user.name

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Welcome back, ${firstName}. Clicks, conversions and charts follow the dates (UTC days); balances are all time.`}
        actions={<DateRangePicker value={selection} onChange={setSelection} today={today} />}
      />
      {summary.isError ? (
        <Card>
          <ErrorState
            title="Could not load your dashboard"
            message={errorMessage(summary.error)}
            onRetry={() => void summary.refetch()}
          />
        </Card>
      ) : (
        <>
          <Stats summary={summary.data} />
          <Charts summary={summary.data} />
        </>
      )}
    </>
  )
}

function Stats({ summary }: { readonly summary: Summary | undefined }) {
  const loading = summary === undefined
  const currency = summary?.currency ?? null
  const earnings = (values: readonly Money[] | undefined) => ({
    dataValue: moneyDataValue(values ?? []),
    value: <MoneyList values={values ?? []} emptyCurrency={currency} />,
  })
  return (
    <StatGrid>
      <StatCard
        label="Clicks"
        testId="stat-clicks"
        loading={loading}
        dataValue={summary?.clicks}
        value={formatCount(summary?.clicks ?? 0)}
        hint={
          summary ? (
            <span data-testid="stat-unique-clicks" data-value={summary.uniqueClicks}>
              {formatCount(summary.uniqueClicks)} unique visitors
            </span>
          ) : null
        }
      />
      <StatCard
        label="Conversions"
        testId="stat-conversions"
        loading={loading}
        dataValue={summary?.conversions}
        value={formatCount(summary?.conversions ?? 0)}
        hint={summary ? `${formatRate(summary.conversions, summary.uniqueClicks)} of unique visitors` : null}
      />
      <StatCard
        label="Pending (all time)"
        testId="stat-earnings-pending"
        loading={loading}
        hint="Balance today, whatever the dates: waiting for the hold period"
        {...earnings(summary?.earnings.pending)}
      />
      <StatCard
        label="Approved (all time)"
        testId="stat-earnings-approved"
        loading={loading}
        hint="Balance for your next payout"
        {...earnings(summary?.earnings.approved)}
      />
      <StatCard
        label="Paid (all time)"
        testId="stat-earnings-paid"
        loading={loading}
        hint="Sent to you so far"
        {...earnings(summary?.earnings.paid)}
      />
      {summary && hasRewards(summary.rewards) ? (
        <StatCard
          label="Referral rewards (all time)"
          testId="stat-rewards-earned"
          hint={
            <span data-testid="stat-rewards-pending" data-value={moneyDataValue(summary.rewards.pending)}>
              {formatCount(summary.rewards.referrals)} friends referred · pending{' '}
              <MoneyList values={summary.rewards.pending} emptyCurrency={currency} />
            </span>
          }
          {...earnings(summary.rewards.earned)}
        />
      ) : null}
    </StatGrid>
  )
}

function hasRewards(rewards: Summary['rewards']): boolean {
  return rewards.referrals > 0 || rewards.pending.length > 0 || rewards.earned.length > 0
}

function Charts({ summary }: { readonly summary: Summary | undefined }) {
  if (!summary) {
    return (
      <div className="grid-2">
        <Card title="Clicks and conversions">
          <span className="skeleton skeleton-block" />
        </Card>
        <Card title="Earnings">
          <span className="skeleton skeleton-block" />
        </Card>
      </div>
    )
  }
  const currency = summary.currency
  return (
    <div className="grid-2">
      <Card title="Clicks and conversions" description="Conversions on the right axis">
        <TimeSeriesChart
          label="Clicks and conversions by day"
          data={summary.byDay}
          series={[
            { key: 'clicks', label: 'Clicks' },
            { key: 'conversions', label: 'Conversions', axis: 'right', kind: 'bar', color: '#0ca678' },
          ]}
        />
      </Card>
      <Card title="Earnings" description={currency ? `Earned per day in ${currency}` : undefined}>
        {currency ? (
          <TimeSeriesChart
            label={`Earnings by day in ${currency}`}
            data={summary.byDay}
            leftTickFormat={(amountMinor) => formatCompactMoney(amountMinor, currency)}
            series={[
              {
                key: 'earningsMinor',
                label: 'Earnings',
                kind: 'bar',
                color: '#3b5bdb',
                format: (amountMinor) => formatMoney({ amountMinor, currency }),
              },
            ]}
          />
        ) : hasRewards(summary.rewards) ? (
          <EmptyState
            title="Your earnings are referral rewards"
            description={
              <>
                {moneyText(summary.rewards.earned)} earned and {moneyText(summary.rewards.pending)} pending
                from {formatCount(summary.rewards.referrals)} friends (all time). See them on{' '}
                <Link to="/refer">Refer friends</Link>.
              </>
            }
          />
        ) : (
          <EmptyState
            title="No earnings yet"
            description="Share your links: commissions appear here as soon as a sale is tracked."
          />
        )}
      </Card>
    </div>
  )
}

/** "€30.00" or "€30.00 + $5.00" (currencies never added), "0" when none. */
function moneyText(values: readonly Money[]): string {
  return values.length ? values.map((m) => formatMoney(m)).join(' + ') : '0'
}
