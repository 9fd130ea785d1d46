import {
  Card,
  CopyButton,
  ErrorState,
  errorMessage,
  humanize,
  LoadingState,
  PageHeader,
  StatusBadge,
} from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { NavLink, useParams } from 'react-router'
import { ConfirmButton } from '../../kit/confirm-button.tsx'
import { DateTime } from '../../kit/date-time.tsx'
import { ListTable } from '../../kit/list-table.tsx'
import { MutationStatus } from '../../kit/mutation-status.tsx'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { canManage, useCurrentUser } from '../../session/use-session.ts'
import { useTRPC } from '../../trpc.ts'
import { NotFoundPage } from '../not-found-page.tsx'
import { ProgramFilter } from '../program-filter.tsx'
import { useListFilters } from '../use-list-filters.ts'
import { WebhooksPanel } from './webhooks-panel.tsx'

const TABS = [
  { id: '', label: 'Team' },
  { id: 'api-keys', label: 'API keys' },
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'audit', label: 'Audit log' },
] as const

export function SettingsPage() {
  const { tab = '' } = useParams()
  const current = TABS.find((t) => t.id === tab)
  usePageTitle(`Settings · ${current?.label ?? ''}`)
  if (!current) return <NotFoundPage />
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your team, the keys and webhooks your systems use, and everything that changed."
      />
      <nav className="tabs" aria-label="Settings sections">
        {TABS.map((t) => (
          <NavLink key={t.id} end className="tab" to={`/settings${t.id ? `/${t.id}` : ''}`}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      {tab === '' ? <TeamPanel /> : null}
      {tab === 'api-keys' ? (
        <ProgramScoped render={(programId) => <ApiKeysPanel programId={programId} />} />
      ) : null}
      {tab === 'webhooks' ? (
        <ProgramScoped render={(programId) => <WebhooksPanel programId={programId} />} />
      ) : null}
      {tab === 'audit' ? <AuditPanel /> : null}
    </>
  )
}

function ProgramScoped({ render }: { readonly render: (programId: string) => React.ReactNode }) {
  const trpc = useTRPC()
  const user = useCurrentUser()
  const { programId, setProgram } = useListFilters([] as const)
  const programs = useQuery(trpc.programs.list.queryOptions())
  const selected = programId ?? programs.data?.[0]?.id
  if (!canManage(user)) return <p className="muted">Managers and owners see API keys and webhooks.</p>
  return (
    <div className="stack">
      <div className="row">
        <ProgramFilter value={selected} onChange={(id) => setProgram(id ?? null)} />
      </div>
      {selected ? render(selected) : <p className="muted">Create a program first.</p>}
    </div>
  )
}

function TeamPanel() {
  const trpc = useTRPC()
  const user = useCurrentUser()
  const queryClient = useQueryClient()
  const team = useQuery(trpc.settings.team.queryOptions())
  const refresh = () => queryClient.invalidateQueries(trpc.settings.team.pathFilter())
  const invite = useMutation(trpc.settings.invite.mutationOptions({ onSuccess: refresh }))
  const setRole = useMutation(trpc.settings.setRole.mutationOptions({ onSuccess: refresh }))
  const remove = useMutation(trpc.settings.remove.mutationOptions({ onSuccess: refresh }))
  const [form, setForm] = useState({ name: '', email: '', role: 'manager' as 'owner' | 'manager' | 'viewer' })
  const owner = user.adminRole === 'owner'
  if (team.isError)
    return <ErrorState message={errorMessage(team.error)} onRetry={() => void team.refetch()} />
  if (!team.data) return <LoadingState />
  return (
    <div className="stack">
      <Card title="Team" className="is-flush">
        <ListTable
          label="Team members"
          testId="team"
          rows={team.data.members}
          rowKey={(m) => m.id}
          columns={[
            {
              id: 'name',
              header: 'Member',
              cell: (m) => (
                <>
                  <span className="cell-main">{m.name}</span>
                  <span className="cell-sub">{m.email}</span>
                </>
              ),
            },
            {
              id: 'role',
              header: 'Role',
              cell: (m) =>
                owner && !m.disabled && m.id !== user.id ? (
                  <select
                    className="input select"
                    aria-label={`Role of ${m.name}`}
                    value={m.role ?? 'viewer'}
                    onChange={(e) => setRole.mutate({ userId: m.id, role: e.target.value as 'viewer' })}
                  >
                    <option value="owner">Owner</option>
                    <option value="manager">Manager</option>
                    <option value="viewer">Viewer</option>
                  </select>
                ) : (
                  humanize(m.role ?? '')
                ),
            },
            {
              id: 'status',
              header: 'Status',
              cell: (m) => <StatusBadge status={m.disabled ? 'removed' : 'active'} />,
            },
            { id: 'since', header: 'Since', cell: (m) => <DateTime value={m.createdAt} /> },
            {
              id: 'actions',
              header: '',
              cell: (m) =>
                owner && !m.disabled && m.id !== user.id ? (
                  <ConfirmButton
                    danger
                    title={`Remove ${m.name}?`}
                    message="They can no longer log in; their sessions end at once. Their history stays in the audit log."
                    confirmLabel="Remove"
                    onConfirm={() => remove.mutate({ userId: m.id })}
                  >
                    Remove
                  </ConfirmButton>
                ) : null,
            },
          ]}
        />
        <div className="card-body">
          <MutationStatus mutation={setRole} success="Role changed." />
          <MutationStatus mutation={remove} success="Removed." />
        </div>
      </Card>
      {owner ? (
        <Card
          title="Invite a team member"
          description="Owners manage the team; managers change programs, partners, conversions and payouts; viewers read."
        >
          <form
            className="card-body form"
            aria-label="Invite a team member"
            onSubmit={(e) => {
              e.preventDefault()
              invite.mutate(form)
            }}
          >
            <div className="form-grid">
              <div className="form-field">
                <label htmlFor="invite-name">Name</label>
                <input
                  id="invite-name"
                  className="input"
                  value={form.name}
                  onChange={(e) => setForm({ ...form, name: e.target.value })}
                />
              </div>
              <div className="form-field">
                <label htmlFor="invite-email">Email</label>
                <input
                  id="invite-email"
                  className="input"
                  type="email"
                  value={form.email}
                  onChange={(e) => setForm({ ...form, email: e.target.value })}
                />
              </div>
              <div className="form-field">
                <label htmlFor="invite-role">Role</label>
                <select
                  id="invite-role"
                  className="input select"
                  value={form.role}
                  onChange={(e) => setForm({ ...form, role: e.target.value as 'viewer' })}
                >
                  <option value="manager">Manager</option>
                  <option value="viewer">Viewer</option>
                  <option value="owner">Owner</option>
                </select>
              </div>
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={invite.isPending}>
                Create invitation link
              </button>
              <MutationStatus mutation={invite} pending="Creating…" success={null} />
            </div>
            {invite.data ? (
              <div className="banner" data-testid="team-invite-link">
                Send this one-time link (valid until <DateTime value={invite.data.expiresAt} />
                ):
                <div className="secret-row">
                  <code>{`${window.location.origin}${invite.data.path}`}</code>
                  <CopyButton
                    text={`${window.location.origin}${invite.data.path}`}
                    label="Copy the invitation link"
                  />
                </div>
              </div>
            ) : null}
          </form>
        </Card>
      ) : (
        <p className="muted">Only owners invite, change roles or remove team members.</p>
      )}
      {team.data.invitations.length > 0 ? (
        <Card title="Open invitations">
          <ul className="plain-list card-body">
            {team.data.invitations.map((i) => (
              <li key={i.id}>
                {i.name} ({i.email}) as {humanize(i.role ?? '')} · expires <DateTime value={i.expiresAt} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  )
}

const SCOPES = [
  { value: 'conversions:write', label: 'Record conversions' },
  { value: 'refunds:write', label: 'Record refunds' },
  { value: 'read', label: 'Read' },
] as const

function ApiKeysPanel({ programId }: { readonly programId: string }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const keys = useQuery(trpc.settings.apiKeys.queryOptions({ programId }))
  const refresh = () => queryClient.invalidateQueries(trpc.settings.apiKeys.pathFilter())
  const create = useMutation(trpc.settings.createApiKey.mutationOptions({ onSuccess: refresh }))
  const revoke = useMutation(trpc.settings.revokeApiKey.mutationOptions({ onSuccess: refresh }))
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<string[]>(['conversions:write', 'refunds:write'])
  return (
    <div className="stack">
      <Card
        title="New API key"
        description="For your server's calls to the conversion API (Authorization: Bearer …)."
      >
        <form
          className="card-body form"
          aria-label="New API key"
          onSubmit={(e) => {
            e.preventDefault()
            create.mutate({ programId, name, scopes: scopes as ['read'] }, { onSuccess: () => setName('') })
          }}
        >
          <div className="form-grid">
            <div className="form-field">
              <label htmlFor="key-name">Name</label>
              <input
                id="key-name"
                className="input"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="Shop backend"
              />
            </div>
            <fieldset className="form-section">
              <legend>Scopes</legend>
              {SCOPES.map((s) => (
                <label key={s.value} className="check">
                  <input
                    type="checkbox"
                    checked={scopes.includes(s.value)}
                    onChange={(e) =>
                      setScopes(e.target.checked ? [...scopes, s.value] : scopes.filter((x) => x !== s.value))
                    }
                  />
                  <span>
                    {s.label} <code>{s.value}</code>
                  </span>
                </label>
              ))}
            </fieldset>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              Create key
            </button>
            <MutationStatus mutation={create} pending="Creating…" success={null} />
          </div>
          {create.data ? (
            <div className="banner is-warn" data-testid="new-api-key">
              Copy the key now: it is shown only this once.
              <div className="secret-row">
                <code>{create.data.key}</code>
                <CopyButton text={create.data.key} label="Copy the API key" />
              </div>
            </div>
          ) : null}
        </form>
      </Card>
      <Card title="Keys" className="is-flush">
        {keys.isError ? (
          <ErrorState message={errorMessage(keys.error)} onRetry={() => void keys.refetch()} />
        ) : !keys.data ? (
          <LoadingState />
        ) : (
          <ListTable
            label="API keys"
            testId="api-keys"
            rows={keys.data}
            rowKey={(k) => k.id}
            empty="No API keys."
            columns={[
              {
                id: 'name',
                header: 'Key',
                cell: (k) => (
                  <>
                    <span className="cell-main">{k.name}</span>
                    <span className="cell-sub mono">{k.prefix}…</span>
                  </>
                ),
              },
              { id: 'scopes', header: 'Scopes', cell: (k) => k.scopes.join(', ') },
              { id: 'created', header: 'Created', cell: (k) => <DateTime value={k.createdAt} /> },
              { id: 'used', header: 'Last used', cell: (k) => <DateTime value={k.lastUsedAt} /> },
              {
                id: 'status',
                header: 'Status',
                cell: (k) =>
                  k.revokedAt ? (
                    <StatusBadge status="revoked" />
                  ) : (
                    <ConfirmButton
                      danger
                      title={`Revoke ${k.name}?`}
                      message="Calls with this key are refused from now on. This cannot be undone."
                      confirmLabel="Revoke"
                      onConfirm={() => revoke.mutate({ apiKeyId: k.id })}
                    >
                      Revoke
                    </ConfirmButton>
                  ),
              },
            ]}
          />
        )}
        <MutationStatus mutation={revoke} success={null} />
      </Card>
    </div>
  )
}

function AuditPanel() {
  const trpc = useTRPC()
  const [action, setAction] = useState('')
  const [beforeIds, setBeforeIds] = useState<number[]>([])
  const beforeId = beforeIds.at(-1)
  const audit = useQuery(
    trpc.settings.audit.queryOptions({
      ...(action.trim() ? { action: action.trim() } : {}),
      ...(beforeId ? { beforeId } : {}),
      limit: 50,
    }),
  )
  return (
    <Card
      title="Audit log"
      description="Every change, who made it and when (newest first)."
      className="is-flush"
    >
      <div className="card-body row">
        <label className="form-label" htmlFor="audit-action">
          Action starts with
        </label>
        <input
          id="audit-action"
          className="input"
          value={action}
          placeholder="payout, partner., conversion…"
          onChange={(e) => {
            setAction(e.target.value)
            setBeforeIds([])
          }}
        />
      </div>
      {audit.isError ? (
        <ErrorState message={errorMessage(audit.error)} onRetry={() => void audit.refetch()} />
      ) : !audit.data ? (
        <LoadingState />
      ) : (
        <>
          <ListTable
            label="Audit log"
            testId="audit-log"
            rows={audit.data}
            rowKey={(a) => String(a.id)}
            empty="Nothing recorded."
            columns={[
              { id: 'at', header: 'When', cell: (a) => <DateTime value={a.at} /> },
              { id: 'action', header: 'Action', cell: (a) => <span className="mono">{a.action}</span> },
              {
                id: 'who',
                header: 'By',
                cell: (a) =>
                  a.actorName ?? `${humanize(a.actorType)}${a.actorId ? ` ${a.actorId.slice(0, 8)}` : ''}`,
              },
              {
                id: 'what',
                header: 'On',
                cell: (a) => `${humanize(a.entityType)} ${a.entityId?.slice(0, 13) ?? ''}`,
              },
              {
                id: 'data',
                header: 'Details',
                cell: (a) => <span className="explanation mono">{JSON.stringify(a.data).slice(0, 200)}</span>,
              },
            ]}
          />
          <div className="pager">
            <button
              type="button"
              className="button button-small"
              disabled={beforeIds.length === 0}
              onClick={() => setBeforeIds(beforeIds.slice(0, -1))}
            >
              ← Newer
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={audit.data.length < 50}
              onClick={() => {
                const last = audit.data?.at(-1)
                if (last) setBeforeIds([...beforeIds, last.id])
              }}
            >
              Older →
            </button>
          </div>
        </>
      )}
    </Card>
  )
}
