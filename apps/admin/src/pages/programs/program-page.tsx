import { ErrorState, errorMessage, LoadingState, PageHeader, StatusBadge } from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { NavLink, useParams } from 'react-router'
import { ConfirmButton } from '../../kit/confirm-button.tsx'
import { MutationStatus } from '../../kit/mutation-status.tsx'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { canManage, useCurrentUser } from '../../session/use-session.ts'
import { useTRPC } from '../../trpc.ts'
import { NotFoundPage } from '../not-found-page.tsx'
import { IntegrationPanel } from './integration-panel.tsx'
import { ProgramForm } from './program-form.tsx'
import { formValuesOf, settingsOf } from './program-form-schema.ts'
import { RulesPanel } from './rules-panel.tsx'

const TABS = [
  { id: '', label: 'Settings' },
  { id: 'rules', label: 'Commission rules' },
  { id: 'integration', label: 'Integration' },
] as const

export function ProgramPage() {
  const { programId = '', tab = '' } = useParams()
  const trpc = useTRPC()
  const user = useCurrentUser()
  const program = useQuery(trpc.programs.get.queryOptions({ programId }))
  const current = TABS.find((t) => t.id === tab)
  usePageTitle(program.data ? `${program.data.name} · ${current?.label ?? ''}` : 'Program')
  if (!current) return <NotFoundPage />
  if (program.isError)
    return (
      <ErrorState
        title="Could not load the program"
        message={errorMessage(program.error)}
        onRetry={() => void program.refetch()}
      />
    )
  if (!program.data) return <LoadingState label="Loading the program…" />
  const p = program.data
  const manager = canManage(user)
  return (
    <>
      <PageHeader
        title={p.name}
        description={
          <>
            <span className="mono">{p.slug}</span> · {p.currency} · <StatusBadge status={p.status} />
          </>
        }
        actions={
          manager && p.status !== 'archived' ? (
            <StatusActions programId={p.id} status={p.status} name={p.name} />
          ) : null
        }
      />
      <nav className="tabs" aria-label="Program sections">
        {TABS.map((t) => (
          <NavLink key={t.id} end className="tab" to={`/programs/${p.id}${t.id ? `/${t.id}` : ''}`}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      {tab === '' ? <SettingsTab programId={p.id} readOnly={!manager || p.status === 'archived'} /> : null}
      {tab === 'rules' ? <RulesPanel program={p} canEdit={manager && p.status !== 'archived'} /> : null}
      {tab === 'integration' ? <IntegrationPanel program={p} canManage={manager} /> : null}
    </>
  )
}

function SettingsTab({ programId, readOnly }: { readonly programId: string; readonly readOnly: boolean }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const program = useQuery(trpc.programs.get.queryOptions({ programId }))
  const update = useMutation(trpc.programs.update.mutationOptions())
  if (!program.data) return null
  const p = program.data
  return (
    <ProgramForm
      key={p.updatedAt}
      mode="edit"
      readOnly={readOnly}
      defaults={formValuesOf(p)}
      submitLabel="Save settings"
      status={<MutationStatus mutation={update} success="Saved." showError={false} />}
      onSubmit={async (values) => {
        await update.mutateAsync({ programId, ...settingsOf(values, p) })
        await queryClient.invalidateQueries(trpc.programs.pathFilter())
      }}
    />
  )
}

function StatusActions({
  programId,
  status,
  name,
}: {
  readonly programId: string
  readonly status: 'active' | 'paused' | 'archived'
  readonly name: string
}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const setStatus = useMutation(
    trpc.programs.setStatus.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.programs.pathFilter()),
    }),
  )
  return (
    <div className="row">
      {status === 'active' ? (
        <ConfirmButton
          title={`Pause ${name}?`}
          message="Links keep redirecting; new conversions are refused until you resume."
          confirmLabel="Pause"
          disabled={setStatus.isPending}
          onConfirm={() => setStatus.mutate({ programId, status: 'paused' })}
        >
          Pause
        </ConfirmButton>
      ) : (
        <button
          type="button"
          className="button button-small"
          disabled={setStatus.isPending}
          onClick={() => setStatus.mutate({ programId, status: 'active' })}
        >
          Resume
        </button>
      )}
      <ConfirmButton
        danger
        title={`Archive ${name}?`}
        message="Archiving is final: links stop redirecting, no conversion is recorded and settings can no longer change. Balances can still be paid."
        confirmLabel="Archive for good"
        disabled={setStatus.isPending}
        onConfirm={() => setStatus.mutate({ programId, status: 'archived' })}
      >
        Archive
      </ConfirmButton>
      <MutationStatus mutation={setStatus} success={null} />
    </div>
  )
}
