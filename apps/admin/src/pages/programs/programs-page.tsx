import {
  Card,
  EmptyState,
  ErrorState,
  errorMessage,
  humanize,
  LoadingState,
  PageHeader,
  StatusBadge,
} from '@tandem/ui'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { ListTable } from '../../kit/list-table.tsx'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { canManage, useCurrentUser } from '../../session/use-session.ts'
import { useTRPC } from '../../trpc.ts'

export function ProgramsPage() {
  usePageTitle('Programs')
  const trpc = useTRPC()
  const user = useCurrentUser()
  const programs = useQuery(trpc.programs.list.queryOptions())
  return (
    <>
      <PageHeader
        title="Programs"
        description="Each program has its own currency, rules, partners and postback credentials."
        actions={
          canManage(user) ? (
            <Link className="button button-primary" to="/programs/new">
              New program
            </Link>
          ) : null
        }
      />
      <Card className="is-flush">
        {programs.isError ? (
          <ErrorState
            title="Could not load programs"
            message={errorMessage(programs.error)}
            onRetry={() => void programs.refetch()}
          />
        ) : !programs.data ? (
          <LoadingState label="Loading programs…" />
        ) : programs.data.length === 0 ? (
          <EmptyState
            title="No programs yet"
            description="Create your first program: its domains, currency and commission rules."
            action={
              canManage(user) ? (
                <Link className="button button-primary" to="/programs/new">
                  Create a program
                </Link>
              ) : null
            }
          />
        ) : (
          <ListTable
            label="Programs"
            testId="programs-table"
            rows={programs.data}
            rowKey={(p) => p.id}
            columns={[
              {
                id: 'name',
                header: 'Program',
                sortValue: (p) => p.name.toLowerCase(),
                cell: (p) => (
                  <>
                    <Link className="cell-main" to={`/programs/${p.id}`}>
                      {p.name}
                    </Link>
                    <span className="cell-sub mono">{p.slug}</span>
                  </>
                ),
              },
              { id: 'kind', header: 'Kind', cell: (p) => humanize(p.kind) },
              { id: 'currency', header: 'Currency', cell: (p) => p.currency, sortValue: (p) => p.currency },
              {
                id: 'status',
                header: 'Status',
                cell: (p) => <StatusBadge status={p.status} />,
                sortValue: (p) => p.status,
              },
            ]}
          />
        )}
      </Card>
    </>
  )
}
