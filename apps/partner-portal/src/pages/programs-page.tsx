import { Card, EmptyState, ErrorState, errorMessage, LoadingState, PageHeader, StatusBadge } from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTRPC } from '../trpc.ts'

/** /programs — the programs a partner is in, and those open to join. */
export function ProgramsPage() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const programs = useQuery(trpc.programs.list.queryOptions())
  const join = useMutation(
    trpc.programs.join.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.programs.list.queryKey() }),
    }),
  )
  return (
    <>
      <PageHeader title="Programs" description="The programs you are in, and others you can apply to." />
      {join.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(join.error)}
        </div>
      ) : null}
      {programs.isError ? (
        <Card>
          <ErrorState message={errorMessage(programs.error)} onRetry={() => void programs.refetch()} />
        </Card>
      ) : !programs.data ? (
        <LoadingState />
      ) : programs.data.length === 0 ? (
        <Card>
          <EmptyState title="No programs" description="No program takes applications at the moment." />
        </Card>
      ) : (
        <div className="grid-2">
          {programs.data.map((p) => (
            <Card
              key={p.id}
              title={p.name}
              description={p.kind === 'referral' ? 'Referral program' : 'Affiliate program'}
              actions={p.enrollment ? <StatusBadge status={p.enrollment} /> : null}
            >
              <div className="form-stack">
                {p.description ? <p className="join-description">{p.description}</p> : null}
                <div className="form-actions">
                  <Link to={`/join/${p.slug}`}>Commissions and terms</Link>
                  {p.enrollment === null && p.open ? (
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={join.isPending}
                      onClick={() => join.mutate({ programId: p.id })}
                    >
                      Apply
                    </button>
                  ) : null}
                  {p.enrollment === 'pending' ? (
                    <span className="muted small">The program team is reviewing your application.</span>
                  ) : null}
                </div>
              </div>
            </Card>
          ))}
        </div>
      )}
    </>
  )
}
