import type { AdminOutputs } from '@tandem/api'
import { Card, CopyButton, ErrorState, errorMessage, LoadingState } from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ConfirmButton } from '../../kit/confirm-button.tsx'
import { DateTime } from '../../kit/date-time.tsx'
import { MutationStatus } from '../../kit/mutation-status.tsx'
import { useTRPC } from '../../trpc.ts'

type Program = AdminOutputs['programs']['get']

/** Postback token and HMAC secret (view, copy, rotate), and the snippets to paste. */
export function IntegrationPanel({
  program,
  canManage,
}: {
  readonly program: Program
  readonly canManage: boolean
}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const credentials = useQuery({
    ...trpc.programs.credentials.queryOptions({ programId: program.id }),
    enabled: canManage,
  })
  const [grace, setGrace] = useState('24')
  const rotate = useMutation(
    trpc.programs.rotateCredentials.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.programs.credentials.pathFilter()),
    }),
  )
  if (!canManage) {
    return (
      <Card title="Integration">
        <div className="card-body">
          <p className="muted">The postback token and secret are shown to managers and owners.</p>
        </div>
      </Card>
    )
  }
  if (credentials.isError)
    return (
      <ErrorState
        title="Could not load the credentials"
        message={errorMessage(credentials.error)}
        onRetry={() => void credentials.refetch()}
      />
    )
  if (!credentials.data) return <LoadingState label="Loading credentials…" />
  const c = credentials.data
  return (
    <div className="stack">
      <Card
        title="Postback credentials"
        description="Your server authenticates postbacks with the token, or signs them with the HMAC secret. Keep both private."
      >
        <div className="card-body stack">
          <Secret label="Postback token" value={c.postbackToken} testId="postback-token" />
          <Secret label="HMAC secret" value={c.postbackHmacSecret} testId="hmac-secret" />
          {c.previous ? (
            <div className="banner is-warn">
              The previous token and secret keep working until <DateTime value={c.previous.validUntil} />.
            </div>
          ) : null}
          <div className="row">
            <label className="form-label" htmlFor="grace-hours">
              Old ones keep working for
            </label>
            <select
              id="grace-hours"
              className="input select"
              value={grace}
              onChange={(e) => setGrace(e.target.value)}
            >
              <option value="0">no grace (stop now)</option>
              <option value="1">1 hour</option>
              <option value="24">24 hours</option>
              <option value="72">3 days</option>
              <option value="168">7 days</option>
            </select>
            <ConfirmButton
              danger
              title="Rotate the postback credentials?"
              message="New token and secret are made now. Update your server before the grace period ends: after it, postbacks with the old ones are refused."
              confirmLabel="Rotate"
              disabled={rotate.isPending}
              onConfirm={() => rotate.mutate({ programId: program.id, graceHours: Number(grace) })}
            >
              Rotate credentials
            </ConfirmButton>
            <MutationStatus mutation={rotate} success="New credentials are live." pending="Rotating…" />
          </div>
        </div>
      </Card>
      <Card
        title="Tracking snippet"
        description="On every page of the shop; it keeps the click id in a first-party cookie."
      >
        <div className="card-body stack">
          <Snippet text={c.integration.snippet} label="Copy the tracking snippet" testId="snippet" />
        </div>
      </Card>
      <Card
        title="Server-to-server postbacks"
        description="Replace the {placeholders} with the order's values; {click_id} is the click id your landing page received."
      >
        <div className="card-body stack">
          <h3 className="form-label">Sale</h3>
          <Snippet
            text={c.integration.postbackUrl}
            label="Copy the sale postback URL"
            testId="postback-url"
          />
          <h3 className="form-label">Refund</h3>
          <Snippet text={c.integration.refundUrl} label="Copy the refund postback URL" testId="refund-url" />
          <h3 className="form-label">Signed instead of the token (HMAC-SHA256)</h3>
          <Snippet text={c.integration.signedExample} label="Copy the signed postback example" />
          <h3 className="form-label">Tracking links</h3>
          <Snippet text={c.integration.linkExample} label="Copy the tracking link form" />
        </div>
      </Card>
    </div>
  )
}

function Secret({
  label,
  value,
  testId,
}: {
  readonly label: string
  readonly value: string
  readonly testId: string
}) {
  const [shown, setShown] = useState(false)
  return (
    <div className="form-field">
      <span className="form-label">{label}</span>
      <div className="secret-row">
        <code data-testid={testId} data-value={value}>
          {shown ? value : `${value.slice(0, 6)}${'•'.repeat(18)}`}
        </code>
        <button
          type="button"
          className="button button-small"
          onClick={() => setShown((s) => !s)}
          aria-pressed={shown}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
        <CopyButton text={value} label={`Copy ${label}`} />
      </div>
    </div>
  )
}

function Snippet({
  text,
  label,
  testId,
}: {
  readonly text: string
  readonly label: string
  readonly testId?: string
}) {
  return (
    <div className="stack" style={{ gap: 6 }}>
      <pre className="code-block" data-testid={testId}>
        {text}
      </pre>
      <div>
        <CopyButton text={text} label={label} />
      </div>
    </div>
  )
}
