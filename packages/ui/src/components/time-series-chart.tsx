import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  Tooltip,
  type TooltipValueType,
  XAxis,
  YAxis,
} from 'recharts'
import { formatDay, formatLongDay } from '../format/date.ts'
import { formatCompact, formatCount } from '../format/number.ts'

export const CHART_COLORS = ['#3b5bdb', '#0ca678', '#f08c00', '#ae3ec9'] as const

export interface ChartSeries<Row> {
  readonly key: keyof Row & string
  readonly label: string
  readonly color?: string
  /** Put a series with much smaller numbers (conversions next to clicks) on its own right axis. */
  readonly axis?: 'left' | 'right'
  readonly kind?: 'line' | 'bar'
  /** Text of one value in the tooltip; counts by default. */
  readonly format?: (value: number) => string
}

export interface TimeSeriesChartProps<Row extends { readonly day: string }> {
  /** One row per day, in order (see fillDays). */
  readonly data: readonly Row[]
  readonly series: readonly ChartSeries<Row>[]
  /** Accessible description of what the chart shows. */
  readonly label: string
  readonly height?: number
  readonly leftTickFormat?: (value: number) => string
  readonly rightTickFormat?: (value: number) => string
}

/** Values by day: lines and/or bars on one or two axes, sized to its container. */
export function TimeSeriesChart<Row extends { readonly day: string }>({
  data,
  series,
  label,
  height = 280,
  leftTickFormat = (value) => formatCompact(value),
  rightTickFormat = (value) => formatCompact(value),
}: TimeSeriesChartProps<Row>) {
  const hasRight = series.some((item) => item.axis === 'right')
  const formats = new Map(series.map((item) => [item.key as string, item.format ?? formatCount]))
  const tooltipValue = (value: TooltipValueType | undefined, _name: unknown, item: { dataKey?: unknown }) => {
    const format = formats.get(String(item.dataKey)) ?? formatCount
    return typeof value === 'number' ? format(value) : String(value ?? '')
  }
  return (
    <figure className="chart" aria-label={label}>
      <ComposedChart
        responsive
        data={data as Row[]}
        style={{ width: '100%', height }}
        margin={{ top: 8, right: hasRight ? 4 : 12, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="#eceef2" vertical={false} />
        <XAxis
          dataKey="day"
          tickFormatter={(day: string) => formatDay(day)}
          tick={{ fill: '#6b7280', fontSize: 12 }}
          tickLine={false}
          axisLine={{ stroke: '#d9dce3' }}
          minTickGap={24}
        />
        <YAxis
          yAxisId="left"
          tickFormatter={leftTickFormat}
          tick={{ fill: '#6b7280', fontSize: 12 }}
          tickLine={false}
          axisLine={false}
          width={56}
          allowDecimals={false}
        />
        {hasRight ? (
          <YAxis
            yAxisId="right"
            orientation="right"
            tickFormatter={rightTickFormat}
            tick={{ fill: '#6b7280', fontSize: 12 }}
            tickLine={false}
            axisLine={false}
            width={48}
            allowDecimals={false}
          />
        ) : null}
        <Tooltip
          labelFormatter={(day) => formatLongDay(String(day))}
          formatter={tooltipValue}
          contentStyle={{ borderRadius: 8, borderColor: '#e3e6eb', fontSize: 13 }}
        />
        <Legend
          iconType="circle"
          wrapperStyle={{ fontSize: 13, paddingTop: 8 }}
          // Pale series colours are fine for shapes but not for text: labels stay grey.
          formatter={(value) => <span className="chart-legend-text">{String(value)}</span>}
        />
        {series.map((item, index) => {
          const color = item.color ?? CHART_COLORS[index % CHART_COLORS.length]
          const axis = item.axis ?? 'left'
          return item.kind === 'bar' ? (
            <Bar
              key={item.key}
              dataKey={item.key as string}
              name={item.label}
              yAxisId={axis}
              fill={color}
              radius={[3, 3, 0, 0]}
              maxBarSize={28}
              isAnimationActive={false}
            />
          ) : (
            <Line
              key={item.key}
              dataKey={item.key as string}
              name={item.label}
              yAxisId={axis}
              type="monotone"
              stroke={color}
              strokeWidth={2}
              dot={data.length <= 31 ? { r: 2.5 } : false}
              activeDot={{ r: 4 }}
              isAnimationActive={false}
            />
          )
        })}
      </ComposedChart>
    </figure>
  )
}
