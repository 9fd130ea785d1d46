import type { AdminOutputs } from '@tandem/api'
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
  MoneyList,
  moneyDataValue,
  PageHeader,
  resolveRange,
  StatCard,
  StatGrid,
  TimeSeriesChart,
  useRangeSearch,
  useSearchParam,
  utcIsoDay,
} from '@tandem/ui'
import { useQuery } from '@tanstack/react-query'
import { usePageTitle } from '../kit/use-page-title.ts'
import { parseUuid } from '../search-values.ts'
import { useTRPC } from '../trpc.ts'
import { GettingStarted } from './getting-started.tsx'
import { ProgramFilter, useProgramCurrency } from './program-filter.tsx'

type Summary = AdminOutputs['overview']['summary']

export function OverviewPage() {
  const trpc = useTRPC()
  const today = utcIsoDay(new Date())
  const [selection, setSelection] = useRangeSearch('30d')
  const [rawProgram, setProgram] = useSearchParam('program')
  const programId = parseUuid(rawProgram)
  const range = resolveRange(selection, today)
  const programCurrency = useProgramCurrency(programId)
  const summary = useQuery(trpc.overview.summary.queryOptions({ ...range, programId }))
  usePageTitle('Overview')

  return (
    <>
      <PageHeader
        title="Overview"
        description="Traffic, sales and commissions across your programs. Days are in UTC."
        actions={
          <>
            <ProgramFilter value={programId} onChange={(id) => setProgram(id ?? null)} />
            <DateRangePicker value={selection} onChange={setSelection} today={today} />
          </>
        }
      />
      <GettingStarted hasSales={(summary.data?.conversions ?? 0) > 0} />
      {summary.isError ? (
        <Card>
          <ErrorState
            title="Could not load the overview"
            message={errorMessage(summary.error)}
            onRetry={() => void summary.refetch()}
          />
        </Card>
      ) : (
        <>
          <Stats summary={summary.data} currency={programCurrency} />
          <Charts summary={summary.data} />
        </>
      )}
    </>
  )
}

function Stats({
  summary,
  currency,
}: {
  readonly summary: Summary | undefined
  readonly currency: string | null
}) {
  const loading = summary === undefined
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
            <>
              <span data-testid="stat-unique-clicks" data-value={summary.uniqueClicks}>
                {formatCount(summary.uniqueClicks)} unique
              </span>
              {' · '}
              <span data-testid="stat-bot-clicks" data-value={summary.botClicks}>
                {formatCount(summary.botClicks)} bots filtered
              </span>
            </>
          ) : null
        }
      />
      <StatCard
        label="Conversions"
        testId="stat-conversions"
        loading={loading}
        dataValue={summary?.conversions}
        value={formatCount(summary?.conversions ?? 0)}
        hint={summary ? `${formatRate(summary.conversions, summary.uniqueClicks)} of unique clicks` : null}
      />
      <StatCard
        label="Revenue"
        testId="stat-revenue"
        loading={loading}
        dataValue={moneyDataValue(summary?.revenue ?? [])}
        value={<MoneyList values={summary?.revenue ?? []} emptyCurrency={currency} />}
        hint="After refunds, rejected sales excluded"
      />
      <StatCard
        label="Commissions"
        testId="stat-commissions"
        loading={loading}
        dataValue={moneyDataValue(summary?.commissions ?? [])}
        value={<MoneyList values={summary?.commissions ?? []} emptyCurrency={currency} />}
        hint="Pending, approved and paid"
      />
    </StatGrid>
  )
}

function Charts({ summary }: { readonly summary: Summary | undefined }) {
  if (!summary) {
    return (
      <div className="grid-2">
        <Card title="Clicks and conversions">
          <span className="skeleton skeleton-block" />
        </Card>
        <Card title="Revenue and commissions">
          <span className="skeleton skeleton-block" />
        </Card>
      </div>
    )
  }
  const currency = summary.chartCurrency
  const otherCurrencies = new Set([...summary.revenue, ...summary.commissions].map((m) => m.currency))
  if (currency) otherCurrencies.delete(currency)
  const formatMinor = (amountMinor: number) =>
    currency ? formatMoney({ amountMinor, currency }) : String(amountMinor)
  return (
    <div className="grid-2">
      <Card title="Clicks and conversions" description="Human clicks; conversions on the right axis">
        <TimeSeriesChart
          label="Clicks, unique clicks and conversions by day"
          data={summary.byDay}
          series={[
            { key: 'clicks', label: 'Clicks' },
            { key: 'uniqueClicks', label: 'Unique clicks', color: '#91a7ff' },
            { key: 'conversions', label: 'Conversions', axis: 'right', kind: 'bar', color: '#0ca678' },
          ]}
        />
      </Card>
      <Card
        title="Revenue and commissions"
        description={
          currency
            ? `In ${currency}${otherCurrencies.size > 0 ? `; ${[...otherCurrencies].sort().join(', ')} only in the totals above` : ''}`
            : undefined
        }
      >
        {currency ? (
          <TimeSeriesChart
            label={`Revenue and commissions by day in ${currency}`}
            data={summary.byDay}
            leftTickFormat={(amountMinor) => formatCompactMoney(amountMinor, currency)}
            series={[
              { key: 'revenueMinor', label: 'Revenue', kind: 'bar', color: '#bac8ff', format: formatMinor },
              { key: 'commissionsMinor', label: 'Commissions', color: '#f08c00', format: formatMinor },
            ]}
          />
        ) : (
          <EmptyState
            title="No sales in this period"
            description="Revenue appears here once conversions come in."
          />
        )}
      </Card>
    </div>
  )
}
