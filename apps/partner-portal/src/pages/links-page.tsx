import type { PartnerOutputs } from '@tandem/api'
import {
  Card,
  type Column,
  CopyButton,
  DataTable,
  ErrorState,
  errorMessage,
  formatCount,
  formatMoney,
  LoadingState,
  PageHeader,
  StatusBadge,
} from '@tandem/ui'
import { useQuery } from '@tanstack/react-query'
import { useTRPC } from '../trpc.ts'

type Link = PartnerOutputs['links']['list'][number]
type Coupon = PartnerOutputs['coupons']['list'][number]

const linkColumns: Column<Link>[] = [
  {
    id: 'name',
    header: 'Link',
    sortValue: (link) => link.name ?? link.code,
    cell: (link) => (
      <>
        <span className="cell-main">{link.name ?? link.code}</span>
        <span className="cell-sub">{link.programName}</span>
      </>
    ),
  },
  {
    id: 'trackingUrl',
    header: 'Tracking link',
    cell: (link) => (
      <span className="copy-cell">
        <code className="url" title={link.trackingUrl}>
          {link.trackingUrl}
        </code>
        <CopyButton text={link.trackingUrl} label={`Copy tracking link ${link.name ?? link.code}`} />
      </span>
    ),
  },
  {
    id: 'destination',
    header: 'Goes to',
    truncate: true,
    cell: (link) => (
      <a href={link.destinationUrl} target="_blank" rel="noreferrer noopener" title={link.destinationUrl}>
        {displayUrl(link.destinationUrl)}
      </a>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    sortValue: (link) => link.status,
    cell: (link) => <StatusBadge status={link.status} />,
  },
  {
    id: 'clicks30d',
    header: 'Clicks (30 days)',
    align: 'right',
    sortValue: (link) => link.clicks30d,
    cell: (link) => formatCount(link.clicks30d),
  },
]

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
  const links = useQuery(trpc.links.list.queryOptions())
  const coupons = useQuery(trpc.coupons.list.queryOptions())
  return (
    <>
      <PageHeader
        title="Links & coupons"
        description="Share a tracking link or a coupon code: every sale it brings earns you a commission."
      />
      <Card
        className="is-flush"
        title="Tracking links"
        description={
          links.data ? `${links.data.length} ${links.data.length === 1 ? 'link' : 'links'}` : undefined
        }
      >
        {links.isError ? (
          <ErrorState
            title="Could not load your links"
            message={errorMessage(links.error)}
            onRetry={() => void links.refetch()}
          />
        ) : links.data === undefined ? (
          <LoadingState label="Loading links…" />
        ) : (
          <DataTable
            label="Tracking links"
            testId="links-table"
            columns={linkColumns}
            rows={links.data}
            rowKey={(link) => String(link.id)}
            empty="You have no tracking links yet. Your affiliate manager creates them when you join a program."
          />
        )}
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
          <DataTable
            label="Coupon codes"
            testId="coupons-table"
            columns={couponColumns}
            rows={coupons.data}
            rowKey={(coupon) => coupon.id}
            empty="No coupon codes yet."
          />
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
function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '')
}
