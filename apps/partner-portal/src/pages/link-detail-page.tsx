import {
  Card,
  CopyButton,
  DateRangePicker,
  ErrorState,
  errorMessage,
  formatCount,
  formatDateTime,
  LoadingState,
  MoneyList,
  PageHeader,
  resolveRange,
  SelectField,
  StatCard,
  StatGrid,
  StatusBadge,
  useRangeSearch,
  useSearchParam,
  utcIsoDay,
} from '@tandem/ui'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import { formatEpc, StatsTable } from '../links/link-stats-table.tsx'
import { QrCode } from '../links/qr-code.tsx'
import { useTRPC } from '../trpc.ts'

const SUB_OPTIONS = [
  { value: 'sub1', label: 'Sub-id 1' },
  { value: 'sub2', label: 'Sub-id 2' },
  { value: 'sub3', label: 'Sub-id 3' },
  { value: 'sub4', label: 'Sub-id 4' },
  { value: 'sub5', label: 'Sub-id 5' },
] as const
type SubKey = (typeof SUB_OPTIONS)[number]['value']

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })

/** /links/:id — one link: its URL and QR code, and its figures per sub-id for a date range. */
export function LinkDetailPage() {
  const { id = '' } = useParams()
  const linkId = Number(id)
  const trpc = useTRPC()
  const today = utcIsoDay(new Date())
  const [selection, setSelection] = useRangeSearch('30d')
  const range = resolveRange(selection, today)
  const [subParam, setSub] = useSearchParam('by')
  const by: SubKey = SUB_OPTIONS.some((o) => o.value === subParam) ? (subParam as SubKey) : 'sub1'
  const valid = Number.isInteger(linkId) && linkId > 0
  const link = useQuery(trpc.links.get.queryOptions({ linkId }, { enabled: valid, retry: false }))
  const stats = useQuery(
    trpc.links.stats.queryOptions({ ...range, by, linkId }, { enabled: valid && link.isSuccess }),
  )

  if (!valid || link.isError) {
    return (
      <Card>
        <ErrorState
          title="Link not found"
          message={link.error ? errorMessage(link.error) : 'This address names no link of yours.'}
        />
        <Link to="/links">Back to your links</Link>
      </Card>
    )
  }
  if (!link.data) return <LoadingState label="Loading the link…" />
  const l = link.data
  const totals = stats.data?.totals
  return (
    <>
      <PageHeader
        title={l.name ?? l.code}
        description={`${l.programName} · created ${formatDateTime(l.createdAt)}`}
        actions={<DateRangePicker value={selection} onChange={setSelection} today={today} />}
      />
      <div className="builder-grid">
        <Card title="Tracking link" actions={<StatusBadge status={l.status} />}>
          <div className="form-stack">
            <div className="url-preview" data-testid="link-tracking-url">
              {l.trackingUrl}
            </div>
            <div className="form-actions">
              <CopyButton text={l.trackingUrl} label="Copy the tracking link" />
            </div>
            <dl className="join-facts">
              <div>
                <dt>Goes to</dt>
                <dd className="break">{l.destinationUrl}</dd>
              </div>
              {Object.entries(l.params).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd className="break">{v}</dd>
                </div>
              ))}
            </dl>
          </div>
        </Card>
        <Card title="QR code">
          <QrCode text={l.trackingUrl} fileName={`link-${l.code}`} />
        </Card>
      </div>
      <StatGrid>
        <StatCard
          label="Clicks"
          testId="link-stat-clicks"
          loading={!totals}
          dataValue={totals?.clicks}
          value={formatCount(totals?.clicks ?? 0)}
          hint={totals ? `${formatCount(totals.uniqueClicks)} unique` : null}
        />
        <StatCard
          label="Conversions"
          testId="link-stat-conversions"
          loading={!totals}
          dataValue={totals?.conversions}
          value={formatCount(totals?.conversions ?? 0)}
          hint={totals && totals.clicks > 0 ? `${percent.format(totals.conversionRate)} of clicks` : null}
        />
        <StatCard
          label="Earnings"
          testId="link-stat-earnings"
          loading={!totals}
          value={<MoneyList values={totals?.earnings ?? []} />}
          hint="In these dates, reversals included"
        />
        <StatCard
          label="EPC"
          testId="link-stat-epc"
          loading={!totals}
          value={formatEpc(totals?.epcMinor ?? null, stats.data?.currency ?? null)}
          hint="Earnings per click"
        />
      </StatGrid>
      <Card
        className="is-flush"
        title="By sub-id"
        description="Clicks keep the sub-ids of the URL they came through."
        actions={
          <SelectField
            label="Group by"
            value={by}
            options={SUB_OPTIONS}
            onChange={(v) => setSub(v)}
            testId="subid-select"
          />
        }
      >
        {stats.isError ? (
          <ErrorState message={errorMessage(stats.error)} onRetry={() => void stats.refetch()} />
        ) : !stats.data ? (
          <LoadingState label="Loading stats…" />
        ) : (
          <StatsTable
            stats={stats.data}
            label={`Stats by ${by}`}
            testId="subid-stats"
            first={{
              id: 'value',
              header: SUB_OPTIONS.find((o) => o.value === by)?.label ?? by,
              sortValue: (r) => r.key,
              cell: (r) => (r.key ? <code>{r.key}</code> : <span className="muted">(none)</span>),
            }}
            empty="No clicks on this link in these dates."
          />
        )}
      </Card>
    </>
  )
}
