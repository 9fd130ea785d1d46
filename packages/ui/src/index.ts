/**
 * @tandem/ui: React components and display helpers shared by the admin and partner portals.
 * Import the stylesheet once per app: `import '@tandem/ui/styles.css'`.
 */

// Layout
export {
  AppShell,
  type AppShellProps,
  BrandMark,
  type NavItem,
  type ShellUser,
} from './components/app-shell.tsx'
export { Card, type CardProps } from './components/card.tsx'
// Forms and controls
export { CopyButton, type CopyButtonProps } from './components/copy-button.tsx'
// Tables
export { type Column, DataTable, type DataTableProps } from './components/data-table.tsx'
export { DateRangePicker, type DateRangePickerProps } from './components/date-range-picker.tsx'
export {
  SearchField,
  type SearchFieldProps,
  SelectField,
  type SelectFieldProps,
  type SelectOption,
  Toolbar,
} from './components/fields.tsx'
export { LoginForm, type LoginFormProps } from './components/login-form.tsx'
// Figures and money
export { MoneyList, type MoneyListProps, MoneyText, type MoneyTextProps } from './components/money-text.tsx'
export { PageHeader, type PageHeaderProps } from './components/page-header.tsx'
export {
  type PagedListQuery,
  PagedTableCard,
  type PagedTableCardProps,
} from './components/paged-table-card.tsx'
export { Pager, type PagerProps } from './components/pager.tsx'
export { SessionGate, type SessionGateProps } from './components/session-gate.tsx'
export { type SortDirection, type SortState, sortRows } from './components/sort-rows.ts'
export { StatCard, type StatCardProps, StatGrid } from './components/stat-card.tsx'
// States
export {
  EmptyState,
  type EmptyStateProps,
  ErrorState,
  type ErrorStateProps,
  FullPageLoading,
  LoadingState,
} from './components/states.tsx'
export { humanize, StatusBadge } from './components/status-badge.tsx'
// Charts
export {
  CHART_COLORS,
  type ChartSeries,
  TimeSeriesChart,
  type TimeSeriesChartProps,
} from './components/time-series-chart.tsx'
// Dates
export {
  type DateRange,
  listDays,
  MAX_RANGE_DAYS,
  presetRange,
  RANGE_PRESETS,
  type RangePreset,
  type RangeSelection,
  rangeFromSearch,
  rangeToSearch,
  resolveRange,
  validateCustomRange,
} from './dates/date-range.ts'
export { fillDays } from './dates/fill-days.ts'
export { addDays, daysBetween, isIsoDay, localIsoDay, utcIsoDay } from './dates/iso-day.ts'
// Errors, paging, routing
export { errorMessage, isClientError, isUnauthorized } from './errors/error-message.ts'
// Formatting
export { formatDate, formatDateTime, formatDay, formatLongDay } from './format/date.ts'
export { defaultLocale } from './format/locale.ts'
export {
  displayDecimals,
  formatCompactMoney,
  formatMoney,
  type Money,
  minorToMajor,
  moneyDataValue,
  sortByCurrency,
} from './format/money.ts'
export { formatCompact, formatCount, formatRate } from './format/number.ts'
export {
  type CursorPagerAction,
  type CursorPagerState,
  currentPager,
  cursorPagerReducer,
  initialCursorPager,
  pagerCursor,
  pagerPage,
} from './paging/cursor-pager.ts'
export { type CursorPager, useCursorPager } from './paging/use-cursor-pager.ts'
// Portal scaffolding: app, login route and signed-in layout, with the app's tRPC pieces passed in
export { type ApiProviderProps, PortalApp, type PortalAppProps } from './portal/portal-app.tsx'
export {
  PortalLayout,
  type PortalLayoutProps,
  type SessionQuery,
} from './portal/portal-layout.tsx'
export {
  type LoginCredentials,
  PortalLoginPage,
  type PortalLoginPageProps,
} from './portal/portal-login-page.tsx'
export { createQueryClient, type QueryClientOptions } from './query/create-query-client.ts'
export { safeNextPath } from './routing/safe-next-path.ts'
export { useRangeSearch, useSearchParam } from './routing/use-url-state.ts'
