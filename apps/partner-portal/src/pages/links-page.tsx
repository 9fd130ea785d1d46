import type { PartnerOutputs } from '@tandem/api'
import {
  Card,
  type Column,
  CopyButton,
  DataTable,
  DateRangePicker,
  ErrorState,
  errorMessage,
  formatCount,
  formatMoney,
  LoadingState,
  MoneyList,
  PageHeader,
  resolveRange,
  StatusBadge,
  useRangeSearch,
  utcIsoDay,
} from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router'
import { formatEpc } from '../links/link-stats-table.tsx'
import { useTRPC } from '../trpc.ts'

type LinkItem = PartnerOutputs['links']['list'][number]
type Coupon = PartnerOutputs['coupons']['list'][number]
type StatsRow = PartnerOutputs['links']['stats']['rows'][number]
type Row = LinkItem & { stats: StatsRow | undefined }

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })

const couponColumns: Column<Coupon>[] = [
  {
    id: 'code',
    header: 'Code',
    sortValue: (coupon) => coupon.code,
    cell: (coupon) => (
      <span className="copy-cell">
        <code className="coupon-code">{coupon.code}</code>
        <CopyButton text={coupon.code} label={`Copy coupon code ${coupon.code}`} />
      </span>
    ),
  },
  {
    id: 'program',
    header: 'Program',
    sortValue: (coupon) => coupon.programName,
    cell: (coupon) => coupon.programName,
  },
  { id: 'discount', header: 'Shoppers get', cell: (coupon) => describeDiscount(coupon.discount) },
  { id: 'status', header: 'Status', cell: (coupon) => <StatusBadge status={coupon.status} /> },
]

export function LinksPage() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const today = utcIsoDay(new Date())
  const [selection, setSelection] = useRangeSearch('30d')
  const range = resolveRange(selection, today)
  const links = useQuery(trpc.links.list.queryOptions())
  const stats = useQuery(trpc.links.stats.queryOptions({ ...range, by: 'link' }))
  const coupons = useQuery(trpc.coupons.list.queryOptions())
  const setStatus = useMutation(
    trpc.links.setStatus.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.links.list.queryKey() }),
    }),
  )
  const byLink = new Map((stats.data?.rows ?? []).map((r) => [r.key, r]))
  const currency = stats.data?.currency ?? null
  const rows: Row[] = (links.data ?? []).map((l) => ({ ...l, stats: byLink.get(String(l.id)) }))

  const columns: Column<Row>[] = [
    {
      id: 'name',
      header: 'Link',
      sortValue: (link) => link.name ?? link.code,
      cell: (link) => (
        <div className="link-cell">
          <Link to={`/links/${link.id}`} className="cell-main">
            {link.name ?? link.code}
          </Link>
          <span className="cell-sub">
            {link.programName} · {displayUrl(link.destinationUrl)}
          </span>
          <span className="copy-cell">
            <code className="url" title={link.trackingUrl}>
              {link.trackingUrl}
            </code>
            <CopyButton text={link.trackingUrl} label={`Copy tracking link ${link.name ?? link.code}`} />
          </span>
        </div>
      ),
    },
    {
      id: 'clicks',
      header: 'Clicks',
      align: 'right',
      sortValue: (l) => l.stats?.clicks ?? 0,
      cell: (l) => (
        <span data-testid={`link-clicks-${l.id}`} data-value={l.stats?.clicks ?? 0}>
          {formatCount(l.stats?.clicks ?? 0)}
        </span>
      ),
    },
    {
      id: 'conversions',
      header: 'Conversions',
      align: 'right',
      sortValue: (l) => l.stats?.conversions ?? 0,
      cell: (l) => formatCount(l.stats?.conversions ?? 0),
    },
    {
      id: 'rate',
      header: 'Conv. rate',
      align: 'right',
      sortValue: (l) => l.stats?.conversionRate ?? 0,
      cell: (l) => (l.stats && l.stats.clicks > 0 ? percent.format(l.stats.conversionRate) : '—'),
    },
    {
      id: 'earnings',
      header: 'Earnings',
      align: 'right',
      cell: (l) => <MoneyList values={l.stats?.earnings ?? []} />,
    },
    {
      id: 'epc',
      header: 'EPC',
      align: 'right',
      sortValue: (l) => l.stats?.epcMinor ?? 0,
      cell: (l) => formatEpc(l.stats?.epcMinor ?? null, currency),
    },
    {
      id: 'status',
      header: 'Status',
      sortValue: (link) => link.status,
      cell: (link) => (
        <span className="row-actions">
          <StatusBadge status={link.status} />
          <button
            type="button"
            className="button button-small button-quiet"
            disabled={setStatus.isPending}
            onClick={() =>
              setStatus.mutate({ linkId: link.id, status: link.status === 'active' ? 'paused' : 'active' })
            }
          >
            {link.status === 'active' ? 'Pause' : 'Activate'}
          </button>
        </span>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title="Links & coupons"
        description="Share a tracking link or a coupon code: every sale it brings earns you a commission. Days are UTC."
        actions={
          <>
            <DateRangePicker value={selection} onChange={setSelection} today={today} />
            <Link to="/links/new" className="button button-primary" data-testid="new-link">
              Build a link
            </Link>
          </>
        }
      />
      <Card
        className="is-flush"
        title="Tracking links"
        description={
          links.data
            ? `${links.data.length} ${links.data.length === 1 ? 'link' : 'links'} · figures for the dates above`
            : undefined
        }
      >
        {links.isError || stats.isError ? (
          <ErrorState
            title="Could not load your links"
            message={errorMessage(links.error ?? stats.error)}
            onRetry={() => {
              void links.refetch()
              void stats.refetch()
            }}
          />
        ) : links.data === undefined || stats.data === undefined ? (
          <LoadingState label="Loading links…" />
        ) : (
          <div className="responsive-table">
            <DataTable
              label="Tracking links"
              testId="links-table"
              columns={columns}
              rows={rows}
              rowKey={(link) => String(link.id)}
              empty={
                <>
                  You have no tracking links yet. <Link to="/links/new">Build your first link</Link>.
                </>
              }
            />
          </div>
        )}
        {setStatus.error ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(setStatus.error)}
          </div>
        ) : null}
      </Card>
      <Card className="is-flush" title="Coupon codes">
        {coupons.isError ? (
          <ErrorState
            title="Could not load your coupons"
            message={errorMessage(coupons.error)}
            onRetry={() => void coupons.refetch()}
          />
        ) : coupons.data === undefined ? (
          <LoadingState label="Loading coupons…" />
        ) : (
          <div className="responsive-table">
            <DataTable
              label="Coupon codes"
              testId="coupons-table"
              columns={couponColumns}
              rows={coupons.data}
              rowKey={(coupon) => coupon.id}
              empty="No coupon codes yet. Your program manager creates them for you."
            />
          </div>
        )}
      </Card>
    </>
  )
}

function describeDiscount(discount: Coupon['discount']): string {
  if (!discount) return '—'
  if (discount.kind === 'percent') {
    return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(discount.bps / 100)}% off`
  }
  return `${formatMoney({ amountMinor: discount.amountMinor, currency: discount.currency })} off`
}

/** "https://shop.example/spring?utm=x" → "shop.example/spring?utm=x" (the full URL is in the title). */
export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '')
}
