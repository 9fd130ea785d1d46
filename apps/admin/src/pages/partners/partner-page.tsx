import type { AdminOutputs } from '@tandem/api'
import {
  Card,
  CopyButton,
  ErrorState,
  errorMessage,
  formatCount,
  formatMoney,
  humanize,
  LoadingState,
  MoneyList,
  moneyDataValue,
  PageHeader,
  StatCard,
  StatGrid,
  StatusBadge,
  TimeSeriesChart,
} from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { ConfirmButton } from '../../kit/confirm-button.tsx'
import { DateTime } from '../../kit/date-time.tsx'
import { ListTable } from '../../kit/list-table.tsx'
import { MutationStatus } from '../../kit/mutation-status.tsx'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { canManage, useCurrentUser } from '../../session/use-session.ts'
import { useTRPC } from '../../trpc.ts'
import { EnrollmentActions } from '../enrollment-list.tsx'
import { CouponsCard, LinksCard, PayoutDetailsCard } from './partner-assets.tsx'

type Partner = AdminOutputs['partners']['get']

export function PartnerPage() {
  const { partnerId = '' } = useParams()
  const trpc = useTRPC()
  const user = useCurrentUser()
  const partner = useQuery(trpc.partners.get.queryOptions({ partnerId }))
  usePageTitle(partner.data?.name ?? 'Partner')
  if (partner.isError)
    return (
      <ErrorState
        title="Could not load the partner"
        message={errorMessage(partner.error)}
        onRetry={() => void partner.refetch()}
      />
    )
  if (!partner.data) return <LoadingState label="Loading the partner…" />
  const p = partner.data
  const manager = canManage(user)
  const a = p.activity
  const approvedKey = p.enrollments
    .filter((e) => e.status === 'approved')
    .map((e) => e.programId)
    .join(',')
  return (
    <>
      <PageHeader
        title={p.name}
        description={
          <>
            {p.email} · {humanize(p.type)} {p.country ? `· ${p.country}` : ''} ·{' '}
            <StatusBadge status={p.status} />
            {p.flagged ? (
              <>
                {' '}
                <span className="badge badge-bad">Flagged</span>
              </>
            ) : null}
          </>
        }
        actions={manager ? <PartnerActions partner={p} /> : null}
      />
      {p.payoutHoldReason ? <div className="banner is-warn">Payouts held: {p.payoutHoldReason}</div> : null}
      <StatGrid>
        <StatCard
          label="Clicks (30 days)"
          value={formatCount(a.clicks)}
          testId="partner-clicks"
          dataValue={a.clicks}
        />
        <StatCard
          label="Conversions (30 days)"
          value={formatCount(a.conversions)}
          testId="partner-conversions"
          dataValue={a.conversions}
        />
        <StatCard
          label="Pending / approved"
          value={<MoneyList values={[...a.balances.pending, ...a.balances.approved]} />}
          hint={
            <>
              pending <MoneyList values={a.balances.pending} />
            </>
          }
          testId="partner-approved"
          dataValue={moneyDataValue(a.balances.approved)}
        />
        <StatCard
          label="Paid"
          value={<MoneyList values={a.balances.paid} />}
          testId="partner-paid"
          dataValue={moneyDataValue(a.balances.paid)}
        />
      </StatGrid>
      <Card
        title="Last 30 days"
        description={`Clicks, conversions and earnings by day (UTC)${a.currency ? `, earnings in ${a.currency}` : ''}.`}
      >
        <div className="card-body">
          <TimeSeriesChart
            label="Partner activity by day"
            data={a.byDay}
            series={[
              { key: 'clicks', label: 'Clicks' },
              { key: 'conversions', label: 'Conversions', axis: 'right', kind: 'bar' },
            ]}
          />
        </div>
      </Card>
      <Card title="Programs" className="is-flush">
        <ListTable
          label="Enrollments"
          testId="partner-enrollments"
          rows={p.enrollments}
          rowKey={(e) => e.programId}
          columns={[
            {
              id: 'program',
              header: 'Program',
              cell: (e) => <Link to={`/programs/${e.programId}`}>{e.programName}</Link>,
            },
            { id: 'status', header: 'Status', cell: (e) => <StatusBadge status={e.status} /> },
            {
              id: 'group',
              header: 'Group',
              cell: (e) => (manager ? <GroupSelect partnerId={p.id} enrollment={e} /> : (e.groupName ?? '—')),
            },
            { id: 'since', header: 'Since', cell: (e) => <DateTime value={e.decidedAt ?? e.createdAt} /> },
            {
              id: 'actions',
              header: '',
              cell: (e) =>
                manager ? (
                  <EnrollmentActions
                    partnerId={p.id}
                    partnerName={p.name}
                    programId={e.programId}
                    programName={e.programName}
                    status={e.status as 'pending'}
                  />
                ) : null,
            },
          ]}
        />
      </Card>
      {/* Keyed by the approved programs: the forms start over when one is added. */}
      <LinksCard key={`links-${approvedKey}`} partner={p} canEdit={manager} />
      <CouponsCard key={`coupons-${approvedKey}`} partner={p} canEdit={manager} />
      <PayoutDetailsCard partner={p} canEdit={manager} />
      <Card title="Payouts" className="is-flush">
        <ListTable
          label="Payouts"
          testId="partner-payouts"
          rows={p.payouts}
          rowKey={(o) => o.id}
          empty="No payouts yet."
          columns={[
            { id: 'amount', header: 'Amount', align: 'right', cell: (o) => formatMoney(o.amount) },
            { id: 'status', header: 'Status', cell: (o) => <StatusBadge status={o.status} /> },
            { id: 'method', header: 'Method', cell: (o) => humanize(o.method) },
            { id: 'reference', header: 'Reference', cell: (o) => o.reference ?? '—' },
            { id: 'paid', header: 'Paid', cell: (o) => <DateTime value={o.paidAt} /> },
          ]}
        />
      </Card>
      <Card title="Fraud flags" description="Conversions of this partner that checks flagged.">
        {p.flaggedConversions.length === 0 ? (
          <p className="card-body muted">None.</p>
        ) : (
          <ul className="plain-list card-body">
            {p.flaggedConversions.map((c) => (
              <li key={c.id}>
                <Link to={`/conversions/${c.id}`}>Order {c.orderId}</Link> ({c.programName},{' '}
                <StatusBadge status={c.status} />, <DateTime value={c.occurredAt} />)
                <p className="explanation">{c.flags.map((f) => f.reason).join('; ')}</p>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <NotesAndAudit partner={p} canEdit={manager} />
    </>
  )
}

function PartnerActions({ partner }: { readonly partner: Partner }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const refresh = { onSuccess: () => queryClient.invalidateQueries(trpc.partners.pathFilter()) }
  const setStatus = useMutation(trpc.partners.setStatus.mutationOptions(refresh))
  const hold = useMutation(trpc.partners.setPayoutHold.mutationOptions(refresh))
  const invite = useMutation(trpc.partners.invite.mutationOptions())
  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="row">
        <button
          type="button"
          className="button button-small"
          disabled={invite.isPending}
          onClick={() => invite.mutate({ partnerId: partner.id })}
        >
          {partner.hasLogin ? 'New login link' : 'Invite to the portal'}
        </button>
        {partner.status === 'active' ? (
          <ConfirmButton
            danger
            title={`Suspend ${partner.name}?`}
            message="In every program: links stop earning and payouts stop until you reinstate them."
            confirmLabel="Suspend"
            reason="required"
            onConfirm={(reason) => setStatus.mutate({ partnerId: partner.id, status: 'suspended', reason })}
          >
            Suspend
          </ConfirmButton>
        ) : (
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              setStatus.mutate({ partnerId: partner.id, status: 'active', reason: 'Reinstated' })
            }
          >
            Reinstate
          </button>
        )}
        {partner.payoutHoldReason ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => hold.mutate({ partnerId: partner.id, reason: null })}
          >
            Release payouts
          </button>
        ) : (
          <ConfirmButton
            title="Hold this partner's payouts?"
            message="Their balance stays; no batch pays them until you release it."
            confirmLabel="Hold payouts"
            reason="required"
            onConfirm={(reason) => hold.mutate({ partnerId: partner.id, reason })}
          >
            Hold payouts
          </ConfirmButton>
        )}
      </div>
      <MutationStatus mutation={setStatus} success={null} />
      <MutationStatus mutation={hold} success={null} />
      <MutationStatus mutation={invite} success={null} pending="Making the link…" />
      {invite.data ? (
        <div className="banner" data-testid="invite-link">
          Send this one-time link to {invite.data.email} (valid until{' '}
          <DateTime value={invite.data.expiresAt} />
          ):
          <div className="secret-row">
            <code>{invite.data.url}</code>
            <CopyButton text={invite.data.url} label="Copy the invitation link" />
          </div>
          {invite.data.url.startsWith('/') ? (
            <p className="form-hint">
              Put your partner portal's address in front (this server was not told it: set PARTNER_PUBLIC_URL,
              or pass partnerUrl to startAdminServer).
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}

function GroupSelect({
  partnerId,
  enrollment,
}: {
  readonly partnerId: string
  readonly enrollment: Partner['enrollments'][number]
}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const groups = useQuery(trpc.programs.groups.queryOptions({ programId: enrollment.programId }))
  const assign = useMutation(
    trpc.partners.assignGroup.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.partners.pathFilter()),
    }),
  )
  const createGroup = useMutation(
    trpc.partners.createGroup.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.programs.groups.pathFilter()),
    }),
  )
  const [name, setName] = useState('')
  return (
    <div className="row">
      <select
        className="input select"
        aria-label={`Group in ${enrollment.programName}`}
        value={enrollment.groupId ?? ''}
        disabled={assign.isPending}
        onChange={(e) =>
          assign.mutate({ partnerId, programId: enrollment.programId, groupId: e.target.value || null })
        }
      >
        <option value="">No group</option>
        {(groups.data ?? []).map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
      <input
        className="input"
        aria-label={`New group in ${enrollment.programName}`}
        placeholder="New group"
        value={name}
        size={10}
        onChange={(e) => setName(e.target.value)}
      />
      <button
        type="button"
        className="button button-small"
        disabled={!name.trim() || createGroup.isPending}
        onClick={() =>
          createGroup.mutate(
            {
              programId: enrollment.programId,
              name: name.trim(),
              slug:
                name
                  .trim()
                  .toLowerCase()
                  .replace(/[^a-z0-9]+/g, '-')
                  .replace(/^-|-$/g, '') || 'group',
            },
            { onSuccess: () => setName('') },
          )
        }
      >
        Add group
      </button>
      <MutationStatus mutation={assign} success={null} />
      <MutationStatus mutation={createGroup} success={null} />
    </div>
  )
}

function NotesAndAudit({ partner, canEdit }: { readonly partner: Partner; readonly canEdit: boolean }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [note, setNote] = useState('')
  const add = useMutation(
    trpc.partners.addNote.mutationOptions({
      onSuccess: () => {
        setNote('')
        return queryClient.invalidateQueries(trpc.partners.get.pathFilter())
      },
    }),
  )
  return (
    <Card title="Notes and audit trail" description="Every change to this partner, who made it and why.">
      <div className="card-body stack">
        {canEdit ? (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault()
              add.mutate({ partnerId: partner.id, note })
            }}
          >
            <label className="visually-hidden" htmlFor="partner-note">
              Note
            </label>
            <textarea
              id="partner-note"
              className="input"
              rows={2}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <button type="submit" className="button button-small" disabled={add.isPending || !note.trim()}>
              Add note
            </button>
            <MutationStatus mutation={add} success="Noted." />
          </form>
        ) : null}
        <ul className="plain-list" data-testid="partner-audit">
          {partner.audit.map((a) => (
            <li key={a.id}>
              <DateTime value={a.at} /> · <strong>{humanize(a.action.replace('.', ' '))}</strong> by{' '}
              {a.actorName ?? humanize(a.actorType)}
              {typeof a.data.note === 'string' ? <p className="explanation">{a.data.note}</p> : null}
              {typeof a.data.reason === 'string' ? (
                <p className="explanation">Reason: {a.data.reason}</p>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </Card>
  )
}
