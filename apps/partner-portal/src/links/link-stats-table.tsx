import type { PartnerOutputs } from '@tandem/api'
import { type Column, DataTable, formatCount, formatMoney, MoneyList } from '@tandem/ui'
import type { ReactNode } from 'react'

export type LinkStats = PartnerOutputs['links']['stats']
export type LinkStatsRow = LinkStats['rows'][number]

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })

/** EPC in the stats' currency, to the cent (it is usually a fraction of one). */
export function formatEpc(epcMinor: number | null, currency: string | null): string {
  if (epcMinor === null || currency === null) return '—'
  return formatMoney({ amountMinor: Math.round(epcMinor), currency })
}

/** Clicks, unique clicks, conversions, conversion rate, earnings and EPC: the key figure first. */
export function statColumns(currency: string | null, first: Column<LinkStatsRow>): Column<LinkStatsRow>[] {
  return [
    first,
    {
      id: 'clicks',
      header: 'Clicks',
      align: 'right',
      sortValue: (r) => r.clicks,
      cell: (r) => formatCount(r.clicks),
    },
    {
      id: 'unique',
      header: 'Unique',
      align: 'right',
      sortValue: (r) => r.uniqueClicks,
      cell: (r) => formatCount(r.uniqueClicks),
    },
    {
      id: 'conversions',
      header: 'Conversions',
      align: 'right',
      sortValue: (r) => r.conversions,
      cell: (r) => formatCount(r.conversions),
    },
    {
      id: 'rate',
      header: 'Conv. rate',
      align: 'right',
      sortValue: (r) => r.conversionRate,
      cell: (r) => (r.clicks > 0 ? percent.format(r.conversionRate) : '—'),
    },
    {
      id: 'earnings',
      header: 'Earnings',
      align: 'right',
      cell: (r) => <MoneyList values={r.earnings} />,
    },
    {
      id: 'epc',
      header: 'EPC',
      align: 'right',
      sortValue: (r) => r.epcMinor,
      cell: (r) => formatEpc(r.epcMinor, currency),
    },
  ]
}

export function StatsTable({
  stats,
  first,
  label,
  testId,
  empty,
}: {
  readonly stats: LinkStats
  readonly first: Column<LinkStatsRow>
  readonly label: string
  readonly testId: string
  readonly empty: ReactNode
}) {
  return (
    <div className="responsive-table">
      <DataTable
        label={label}
        testId={testId}
        columns={statColumns(stats.currency, first)}
        rows={stats.rows}
        rowKey={(r) => r.key || '(none)'}
        empty={empty}
      />
    </div>
  )
}
