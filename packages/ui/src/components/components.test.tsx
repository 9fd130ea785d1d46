import { renderToStaticMarkup } from 'react-dom/server'
import { MemoryRouter } from 'react-router'
import { describe, expect, it } from 'vitest'
import { AppShell } from './app-shell.tsx'
import { DataTable } from './data-table.tsx'
import { MoneyList } from './money-text.tsx'
import { StatCard } from './stat-card.tsx'

describe('StatCard', () => {
  it('exposes the raw value under a stable test id', () => {
    const html = renderToStaticMarkup(
      <StatCard
        label="Revenue"
        testId="stat-revenue"
        dataValue="EUR:1234500;USD:100"
        value={
          <MoneyList
            locale="en-US"
            values={[
              { amountMinor: 100, currency: 'USD' },
              { amountMinor: 1234500, currency: 'EUR' },
            ]}
          />
        }
      />,
    )
    expect(html).toContain('data-testid="stat-revenue"')
    expect(html).toContain('data-value="EUR:1234500;USD:100"')
    expect(html.indexOf('€12,345.00')).toBeLessThan(html.indexOf('$1.00'))
  })

  it('has no test id while loading, so tests never read a placeholder', () => {
    const html = renderToStaticMarkup(
      <StatCard label="Clicks" testId="stat-clicks" dataValue={0} value="0" loading />,
    )
    expect(html).not.toContain('stat-clicks')
    expect(html).toContain('aria-busy="true"')
  })
})

describe('DataTable', () => {
  it('renders rows with keys and an empty message', () => {
    const columns = [{ id: 'name', header: 'Name', cell: (row: { id: string; name: string }) => row.name }]
    const html = renderToStaticMarkup(
      <DataTable
        label="Links"
        testId="links-table"
        columns={columns}
        rows={[{ id: 'l1', name: 'Spring' }]}
        rowKey={(row) => row.id}
      />,
    )
    expect(html).toContain('data-testid="links-table"')
    expect(html).toContain('data-row-key="l1"')
    const empty = renderToStaticMarkup(
      <DataTable label="Links" columns={columns} rows={[]} rowKey={(row) => row.id} empty="No links yet" />,
    )
    expect(empty).toContain('No links yet')
  })
})

describe('AppShell', () => {
  it('shows the user and marks the current page', () => {
    const html = renderToStaticMarkup(
      <MemoryRouter initialEntries={['/partners']}>
        <AppShell
          product="Admin"
          nav={[
            { to: '/', label: 'Overview', end: true },
            { to: '/partners', label: 'Partners' },
          ]}
          user={{ name: 'Ada Manager', detail: 'Owner' }}
          onLogout={() => {}}
        >
          <p>content</p>
        </AppShell>
      </MemoryRouter>,
    )
    expect(html).toContain('Ada Manager')
    expect(html).toMatch(/class="nav-link is-active"[^>]*>Partners/)
  })
})
