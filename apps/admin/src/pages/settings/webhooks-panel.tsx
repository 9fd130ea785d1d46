import { Card, CopyButton, ErrorState, errorMessage, LoadingState, StatusBadge } from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ConfirmButton } from '../../kit/confirm-button.tsx'
import { DateTime } from '../../kit/date-time.tsx'
import { ListTable } from '../../kit/list-table.tsx'
import { MutationStatus } from '../../kit/mutation-status.tsx'
import { useTRPC } from '../../trpc.ts'

const TOPICS = ['conversion.created', 'conversion.updated', 'conversion.approved'] as const

/** Endpoints (add, pause, rotate the secret, send a test), each with its delivery log and replay. */
export function WebhooksPanel({ programId }: { readonly programId: string }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const endpoints = useQuery(trpc.settings.webhooks.queryOptions({ programId }))
  const refresh = () => queryClient.invalidateQueries(trpc.settings.pathFilter())
  const create = useMutation(trpc.settings.createWebhook.mutationOptions({ onSuccess: refresh }))
  const [url, setUrl] = useState('')
  const [events, setEvents] = useState<string[]>([])
  const [open, setOpen] = useState<string | null>(null)
  return (
    <div className="stack">
      <Card
        title="Add an endpoint"
        description="Events are signed (Standard Webhooks) and retried for about a day."
      >
        <form
          className="card-body form"
          aria-label="Add a webhook endpoint"
          onSubmit={(e) => {
            e.preventDefault()
            create.mutate(
              { programId, url, events: events as ['conversion.created'] },
              { onSuccess: () => setUrl('') },
            )
          }}
        >
          <div className="form-grid">
            <div className="form-field">
              <label htmlFor="hook-url">URL</label>
              <input
                id="hook-url"
                className="input"
                inputMode="url"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                placeholder="https://shop.example/hooks/tandem"
              />
            </div>
            <fieldset className="form-section">
              <legend>Events (none ticked: all)</legend>
              {TOPICS.map((t) => (
                <label key={t} className="check">
                  <input
                    type="checkbox"
                    checked={events.includes(t)}
                    onChange={(e) =>
                      setEvents(e.target.checked ? [...events, t] : events.filter((x) => x !== t))
                    }
                  />
                  <code>{t}</code>
                </label>
              ))}
            </fieldset>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              Add endpoint
            </button>
            <MutationStatus mutation={create} pending="Adding…" success={null} />
          </div>
          {create.data ? (
            <div className="banner is-warn">
              The signing secret, shown once:
              <div className="secret-row">
                <code>{create.data.secret}</code>
                <CopyButton text={create.data.secret} label="Copy the signing secret" />
              </div>
            </div>
          ) : null}
        </form>
      </Card>
      {endpoints.isError ? (
        <ErrorState message={errorMessage(endpoints.error)} onRetry={() => void endpoints.refetch()} />
      ) : !endpoints.data ? (
        <LoadingState />
      ) : endpoints.data.length === 0 ? (
        <p className="muted">No endpoint yet.</p>
      ) : (
        endpoints.data.map((e) => (
          <EndpointCard
            key={e.id}
            endpoint={e}
            open={open === e.id}
            onToggle={() => setOpen(open === e.id ? null : e.id)}
          />
        ))
      )}
    </div>
  )
}

function EndpointCard({
  endpoint,
  open,
  onToggle,
}: {
  readonly endpoint: { id: string; url: string; events: string[]; active: boolean; createdAt: string }
  readonly open: boolean
  readonly onToggle: () => void
}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries(trpc.settings.pathFilter())
  const update = useMutation(trpc.settings.updateWebhook.mutationOptions({ onSuccess: refresh }))
  const rotate = useMutation(trpc.settings.rotateWebhookSecret.mutationOptions())
  const test = useMutation(trpc.settings.testWebhook.mutationOptions({ onSuccess: refresh }))
  const replay = useMutation(trpc.settings.replayWebhook.mutationOptions({ onSuccess: refresh }))
  const deliveries = useQuery({
    ...trpc.settings.deliveries.queryOptions({ endpointId: endpoint.id }),
    enabled: open,
    refetchInterval: open ? 5_000 : false,
  })
  return (
    <Card
      title={<span className="mono">{endpoint.url}</span>}
      description={
        <>
          <StatusBadge status={endpoint.active ? 'active' : 'paused'} /> ·{' '}
          {endpoint.events.length ? endpoint.events.join(', ') : 'all events'} · added{' '}
          <DateTime value={endpoint.createdAt} />
        </>
      }
      actions={
        <div className="row">
          <button
            type="button"
            className="button button-small"
            disabled={test.isPending}
            onClick={() => test.mutate({ endpointId: endpoint.id })}
          >
            Send test
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => update.mutate({ endpointId: endpoint.id, active: !endpoint.active })}
          >
            {endpoint.active ? 'Pause' : 'Resume'}
          </button>
          <ConfirmButton
            danger
            title="Rotate the signing secret?"
            message="The old secret stops working at once: update your receiver with the new one."
            confirmLabel="Rotate"
            onConfirm={() => rotate.mutate({ endpointId: endpoint.id })}
          >
            Rotate secret
          </ConfirmButton>
          <button
            type="button"
            className="button button-small button-quiet"
            aria-expanded={open}
            onClick={onToggle}
          >
            {open ? 'Hide deliveries' : 'Deliveries'}
          </button>
        </div>
      }
      className="is-flush"
    >
      <div className="card-body">
        <MutationStatus
          mutation={test}
          pending="Queuing…"
          success="Test event queued: it shows in the deliveries once sent."
        />
        <MutationStatus mutation={update} success={null} />
        <MutationStatus mutation={replay} success="Queued again." />
        {rotate.data ? (
          <div className="banner is-warn">
            New secret, shown once:
            <div className="secret-row">
              <code>{rotate.data.secret}</code>
              <CopyButton text={rotate.data.secret} label="Copy the new signing secret" />
            </div>
          </div>
        ) : null}
      </div>
      {open ? (
        deliveries.isError ? (
          <ErrorState message={errorMessage(deliveries.error)} />
        ) : !deliveries.data ? (
          <LoadingState />
        ) : (
          <ListTable
            label="Deliveries"
            rows={deliveries.data}
            rowKey={(d) => String(d.id)}
            empty="No delivery attempt yet."
            columns={[
              { id: 'at', header: 'When', cell: (d) => <DateTime value={d.startedAt} /> },
              { id: 'status', header: 'Result', cell: (d) => <StatusBadge status={d.status} /> },
              { id: 'code', header: 'HTTP', cell: (d) => d.statusCode ?? '—' },
              { id: 'attempt', header: 'Attempt', cell: (d) => d.attempt },
              {
                id: 'latency',
                header: 'Time',
                cell: (d) => (d.latencyMs === null ? '—' : `${d.latencyMs} ms`),
              },
              {
                id: 'detail',
                header: 'Answer',
                cell: (d) => <span className="explanation mono">{d.error ?? d.responseExcerpt ?? ''}</span>,
              },
              {
                id: 'replay',
                header: '',
                cell: (d) =>
                  d.status === 'sending' ? null : (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => replay.mutate({ endpointId: endpoint.id, eventId: d.eventId })}
                    >
                      Replay
                    </button>
                  ),
              },
            ]}
          />
        )
      ) : null}
    </Card>
  )
}
