import type { PartnerOutputs } from '@tandem/api'
import {
  Card,
  CopyButton,
  DataTable,
  EmptyState,
  ErrorState,
  errorMessage,
  formatCount,
  LoadingState,
  MoneyList,
  MoneyText,
  moneyDataValue,
  PageHeader,
  SelectField,
  StatCard,
  StatGrid,
  StatusBadge,
  useSearchParam,
} from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { Link } from 'react-router'
import { dateOf, whenWithZone } from '../format/when.ts'
import { useTRPC } from '../trpc.ts'

type Overview = PartnerOutputs['referrals']['overview']
type Friend = Overview['friends'][number]

/** /refer — an ambassador's link and code, sharing, inviting friends, their rewards, milestones, leaderboard. */
export function ReferPage() {
  const trpc = useTRPC()
  const [programParam, setProgram] = useSearchParam('program')
  const overview = useQuery(
    trpc.referrals.overview.queryOptions(programParam ? { programId: programParam } : {}),
  )
  const o = overview.data
  return (
    <>
      <PageHeader
        title="Refer friends"
        description="Share your link or code: you are rewarded when a friend buys and the return window has passed."
        actions={
          o && o.programs.length > 1 ? (
            <SelectField
              label="Program"
              value={o.program?.id ?? ''}
              options={o.programs.map((p) => ({ value: p.id, label: p.name }))}
              onChange={(v) => setProgram(v)}
            />
          ) : null
        }
      />
      {overview.isError ? (
        <Card>
          <ErrorState message={errorMessage(overview.error)} onRetry={() => void overview.refetch()} />
        </Card>
      ) : !o ? (
        <LoadingState />
      ) : !o.program ? (
        <Card>
          <EmptyState
            title="No program to refer to yet"
            action={<Link to="/programs">See programs you can join</Link>}
          />
        </Card>
      ) : (
        <ReferContent o={o} />
      )}
    </>
  )
}

function ReferContent({ o }: { readonly o: Overview }) {
  const program = o.program!
  const currency = o.totals.earned[0]?.currency ?? o.totals.pending[0]?.currency ?? null
  const shareText = `${o.offer ?? `Have a look at ${program.name}.`}${o.code ? ` Use my code ${o.code}.` : ''}`
  const full = o.shareUrl ? `${shareText} ${o.shareUrl}` : shareText
  return (
    <>
      <StatGrid>
        <StatCard
          label="Friends referred"
          testId="stat-friends"
          dataValue={o.totals.referred}
          value={formatCount(o.totals.referred)}
          hint={`${formatCount(o.totals.rewarded)} rewarded`}
        />
        <StatCard
          label="Rewards pending (all time)"
          testId="stat-rewards-pending"
          dataValue={moneyDataValue(o.totals.pending)}
          value={<MoneyList values={o.totals.pending} emptyCurrency={currency} />}
          hint="Until the friend's return window ends"
        />
        <StatCard
          label="Rewards earned (all time)"
          testId="stat-rewards-earned"
          dataValue={moneyDataValue(o.totals.earned)}
          value={<MoneyList values={o.totals.earned} emptyCurrency={currency} />}
        />
        <StatCard
          label="Next milestone"
          testId="stat-next-milestone"
          value={
            o.milestones.next
              ? `${o.milestones.next.remaining} to go`
              : o.milestones.reached.length
                ? 'All reached'
                : '—'
          }
          hint={
            o.milestones.next
              ? `${o.milestones.next.name}: ${o.milestones.next.reward ?? ''} at ${o.milestones.next.at} friends`
              : null
          }
        />
      </StatGrid>
      <div className="builder-grid">
        <Card title="Your link and code" description={program.rewards.join(' · ')}>
          <div className="form-stack">
            {o.shareUrl ? (
              <div className="copy-cell">
                <code className="url-preview" data-testid="referral-link">
                  {o.shareUrl}
                </code>
                <CopyButton text={o.shareUrl} label="Copy your referral link" />
              </div>
            ) : (
              <p className="muted">Your program manager has not made you a link yet.</p>
            )}
            {o.code ? (
              <div className="copy-cell">
                <code className="coupon-code" data-testid="referral-code">
                  {o.code}
                </code>
                <CopyButton text={o.code} label="Copy your code" />
              </div>
            ) : null}
            <div className="form-actions" data-testid="share-buttons">
              <CopyButton text={full} label="Copy a message to share" />
              <a
                className="button button-small"
                href={`mailto:?subject=${encodeURIComponent(program.name)}&body=${encodeURIComponent(full)}`}
              >
                Email
              </a>
              <a
                className="button button-small"
                href={`https://wa.me/?text=${encodeURIComponent(full)}`}
                target="_blank"
                rel="noreferrer noopener"
              >
                WhatsApp
              </a>
              <a
                className="button button-small"
                href={`https://x.com/intent/post?text=${encodeURIComponent(full)}`}
                target="_blank"
                rel="noreferrer noopener"
              >
                X
              </a>
            </div>
          </div>
        </Card>
        <InviteCard programId={program.id} disabled={!o.shareUrl} invitations={o.invitations} />
      </div>
      <Card
        className="is-flush"
        title="Your friends"
        description="A reward is pending until the friend's return window ends, then issued; it is voided if the order is refunded."
      >
        <div className="responsive-table">
          <DataTable
            label="Referred friends"
            testId="friends-table"
            rows={o.friends}
            rowKey={(f) => `${f.referredAt}-${f.invitedAs ?? ''}`}
            empty="No friend has bought through your link or code yet."
            columns={[
              {
                id: 'friend',
                header: 'Friend',
                cell: (f) => f.invitedAs ?? `Friend referred ${dateOf(f.referredAt)}`,
              },
              {
                id: 'purchase',
                header: 'First purchase',
                cell: (f) => (f.firstPurchaseAt ? whenWithZone(f.firstPurchaseAt) : 'Not yet'),
              },
              {
                id: 'reward',
                header: 'Your reward',
                align: 'right',
                cell: (f) => <MoneyText value={f.reward.amount} />,
              },
              { id: 'status', header: 'Status', cell: (f) => <FriendStatus friend={f} /> },
            ]}
          />
        </div>
      </Card>
      {o.milestones.reached.length > 0 ? (
        <Card title="Milestones reached">
          <ul className="plain-list">
            {o.milestones.reached.map((m) => (
              <li key={m.name}>
                {m.name} ({m.at} friends){m.reward ? `: ${m.reward}` : ''}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {program.leaderboard ? <Leaderboard programId={program.id} /> : null}
    </>
  )
}

function FriendStatus({ friend: f }: { readonly friend: Friend }) {
  const r = f.reward
  const text =
    r.state === 'pending'
      ? `Pending until ${dateOf(r.until)}`
      : r.state === 'issued'
        ? 'Issued'
        : r.state === 'void'
          ? `Voided${r.why ? `: ${r.why}` : ''}`
          : r.state === 'not_rewarded'
            ? `Not rewarded${r.why ? `: ${r.why}` : ''}`
            : 'Waiting for a first purchase'
  return (
    <span className="row-actions" data-testid="friend-status" data-state={r.state}>
      <StatusBadge status={r.state === 'issued' ? 'approved' : r.state === 'void' ? 'reversed' : 'pending'} />
      <span className="explain">{text}</span>
    </span>
  )
}

function InviteCard({
  programId,
  disabled,
  invitations,
}: {
  readonly programId: string
  readonly disabled: boolean
  readonly invitations: Overview['invitations']
}) {
  const trpc = useTRPC()
  const id = useId()
  const queryClient = useQueryClient()
  const [email, setEmail] = useState('')
  const [sent, setSent] = useState<string | null>(null)
  const invite = useMutation(
    trpc.referrals.invite.mutationOptions({
      onSuccess: (_d, v) => {
        setSent(v.email)
        setEmail('')
        void queryClient.invalidateQueries({ queryKey: trpc.referrals.overview.queryKey() })
      },
    }),
  )
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSent(null)
    invite.mutate({ programId, email })
  }
  return (
    <Card
      title="Invite a friend by email"
      description="We send them your link and code in your name. Up to 20 a day."
    >
      <form className="form-stack" onSubmit={submit} data-testid="invite-form">
        <div className="field">
          <label className="label" htmlFor={`${id}-email`}>
            Friend's email
          </label>
          <input
            id={`${id}-email`}
            className="input"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            disabled={disabled}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={invite.isPending || disabled}>
            {invite.isPending ? 'Sending…' : 'Send invitation'}
          </button>
          {sent ? (
            <span className="muted small" role="status" data-testid="invite-sent">
              Invitation sent to {sent}
            </span>
          ) : null}
        </div>
        {invite.error ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(invite.error)}
          </div>
        ) : null}
        {invitations.length > 0 ? (
          <ul className="plain-list small">
            {invitations.slice(0, 5).map((i) => (
              <li key={i.at}>
                {i.to} · {dateOf(i.at)}
              </li>
            ))}
          </ul>
        ) : null}
      </form>
    </Card>
  )
}

function Leaderboard({ programId }: { readonly programId: string }) {
  const trpc = useTRPC()
  const board = useQuery(trpc.referrals.leaderboard.queryOptions({ programId }))
  return (
    <Card
      title="Leaderboard"
      description={
        <>
          Names appear only for ambassadors who chose one in <Link to="/settings">settings</Link>; others are
          shown by rank.
        </>
      }
    >
      {board.data ? (
        <ol className="plain-list" data-testid="leaderboard">
          {board.data.rows.map((r) => (
            <li key={r.rank} className={r.you ? 'leader-you' : undefined}>
              {r.rank}. {r.name} · {r.referrals} {r.referrals === 1 ? 'friend' : 'friends'}
            </li>
          ))}
          {board.data.rows.length === 0 ? <li className="muted">No rewarded referrals yet.</li> : null}
        </ol>
      ) : (
        <LoadingState />
      )}
    </Card>
  )
}
