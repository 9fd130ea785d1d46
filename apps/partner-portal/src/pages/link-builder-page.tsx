import { zodResolver } from '@hookform/resolvers/zod'
import { Card, CopyButton, EmptyState, ErrorState, errorMessage, LoadingState, PageHeader } from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import { Link } from 'react-router'
import { z } from 'zod'
import { describedBy, FormField } from '../forms/form-field.tsx'
import { QrCode } from '../links/qr-code.tsx'
import { useTRPC } from '../trpc.ts'

const SUBS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const
const UTMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const
type ParamKey = (typeof SUBS)[number] | (typeof UTMS)[number]

const param = z.string().trim().max(255, 'At most 255 characters')
const schema = z.object({
  programId: z.string().min(1, 'Choose a program'),
  destinationUrl: z
    .string()
    .trim()
    .max(2048)
    .refine(
      (v) => v === '' || /^https?:\/\/[^\s/]+/.test(v),
      'Enter a full address such as https://shop.example/page',
    ),
  alias: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/.test(v),
      '3-64 letters, digits, _ or -, starting with a letter or digit',
    ),
  name: z.string().trim().max(120, 'At most 120 characters'),
  sub1: param,
  sub2: param,
  sub3: param,
  sub4: param,
  sub5: param,
  utm_source: param,
  utm_medium: param,
  utm_campaign: param,
  utm_term: param,
  utm_content: param,
})
type Values = z.infer<typeof schema>

const LABELS: Record<ParamKey, string> = {
  sub1: 'Sub-id 1',
  sub2: 'Sub-id 2',
  sub3: 'Sub-id 3',
  sub4: 'Sub-id 4',
  sub5: 'Sub-id 5',
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  utm_campaign: 'utm_campaign',
  utm_term: 'utm_term',
  utm_content: 'utm_content',
}

/** /links/new — build a tracking link: a page on the program's domains, sub-ids, UTM, an alias; then its QR code. */
export function LinkBuilderPage() {
  const trpc = useTRPC()
  const programs = useQuery(trpc.links.programs.queryOptions())
  return (
    <>
      <PageHeader
        title="Build a link"
        description="Point a tracking link at any page of the shop, tag it with sub-ids and UTM fields, and share it or its QR code."
        actions={<Link to="/links">Back to your links</Link>}
      />
      {programs.isError ? (
        <Card>
          <ErrorState message={errorMessage(programs.error)} onRetry={() => void programs.refetch()} />
        </Card>
      ) : !programs.data ? (
        <LoadingState />
      ) : programs.data.length === 0 ? (
        <Card>
          <EmptyState
            title="No program to link to yet"
            description="You can build links once a program has approved you."
            action={<Link to="/programs">See programs you can join</Link>}
          />
        </Card>
      ) : (
        <Builder programs={programs.data} />
      )}
    </>
  )
}

type Program = {
  id: string
  name: string
  allowedDomains: string[]
  subdomains: boolean
  defaultLandingUrl: string
}

function Builder({ programs }: { readonly programs: readonly Program[] }) {
  const trpc = useTRPC()
  const id = useId()
  const queryClient = useQueryClient()
  const [created, setCreated] = useState<{ id: number; code: string; trackingUrl: string } | null>(null)
  const empty = Object.fromEntries([...SUBS, ...UTMS].map((k) => [k, ''])) as Record<ParamKey, string>
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { programId: programs[0]?.id ?? '', destinationUrl: '', alias: '', name: '', ...empty },
  })
  const { register, handleSubmit, formState, control, setError } = form
  const values = useWatch({ control }) as Partial<Values>
  const program = programs.find((p) => p.id === values.programId) ?? programs[0]
  const create = useMutation(
    trpc.links.create.mutationOptions({
      onSuccess: (link) => {
        setCreated(link)
        void queryClient.invalidateQueries({ queryKey: trpc.links.list.queryKey() })
      },
      onError: (error) => {
        const message = errorMessage(error)
        if (/destinationUrl|domain/i.test(message))
          setError('destinationUrl', { message: message.replace(/^destinationUrl: /, '') })
        else if (/link code|code:/i.test(message))
          setError('alias', { message: message.replace(/^code: /, '') })
        else setError('root', { message })
      },
    }),
  )
  const submit = handleSubmit((v) => {
    setCreated(null)
    const params = Object.fromEntries([...SUBS, ...UTMS].map((k) => [k, v[k]]).filter(([, x]) => x))
    create.mutate({
      programId: v.programId,
      ...(v.destinationUrl ? { destinationUrl: v.destinationUrl } : {}),
      ...(v.alias ? { alias: v.alias } : {}),
      ...(v.name ? { name: v.name } : {}),
      params,
    })
  })
  const e = formState.errors
  const f = (name: string) => `${id}-${name}`
  const preview = previewUrl(values)
  return (
    <div className="builder-grid">
      <Card title="Your link">
        <form className="form-stack" onSubmit={submit} noValidate data-testid="link-builder">
          {e.root?.message ? (
            <div className="alert alert-error" role="alert">
              {e.root.message}
            </div>
          ) : null}
          <FormField id={f('program')} label="Program" error={e.programId}>
            <select
              className="input select"
              {...describedBy(f('program'), e.programId)}
              {...register('programId')}
            >
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            id={f('destination')}
            label="Page to link to"
            error={e.destinationUrl}
            hint={
              program
                ? `Any page on ${program.allowedDomains.join(', ')}${program.subdomains ? ' (and their subdomains)' : ''}. Empty: ${program.defaultLandingUrl}`
                : undefined
            }
          >
            <input
              className="input"
              type="url"
              inputMode="url"
              placeholder={program?.defaultLandingUrl ?? 'https://'}
              {...describedBy(f('destination'), e.destinationUrl, true)}
              {...register('destinationUrl')}
            />
          </FormField>
          <div className="form-grid">
            <FormField
              id={f('alias')}
              label="Custom alias (optional)"
              error={e.alias}
              hint="What follows /r/ in the link; random when empty"
            >
              <input
                className="input"
                autoCapitalize="off"
                {...describedBy(f('alias'), e.alias, true)}
                {...register('alias')}
              />
            </FormField>
            <FormField id={f('name')} label="Name (optional)" error={e.name} hint="Only you see it">
              <input className="input" {...describedBy(f('name'), e.name, true)} {...register('name')} />
            </FormField>
          </div>
          <fieldset className="fieldset">
            <legend>Sub-ids (your own tracking: placement, campaign, creative…)</legend>
            <div className="form-grid">
              {SUBS.map((k) => (
                <FormField key={k} id={f(k)} label={LABELS[k]} error={e[k]}>
                  <input className="input" {...describedBy(f(k), e[k])} {...register(k)} />
                </FormField>
              ))}
            </div>
          </fieldset>
          <fieldset className="fieldset">
            <legend>UTM fields (passed on to the shop's analytics)</legend>
            <div className="form-grid">
              {UTMS.map((k) => (
                <FormField key={k} id={f(k)} label={LABELS[k]} error={e[k]}>
                  <input className="input" {...describedBy(f(k), e[k])} {...register(k)} />
                </FormField>
              ))}
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create link'}
            </button>
          </div>
        </form>
      </Card>
      <Card title={created ? 'Your link is ready' : 'Preview'}>
        {created ? (
          <div className="form-stack" data-testid="created-link">
            <div className="url-preview" data-testid="created-url">
              {created.trackingUrl}
            </div>
            <div className="form-actions">
              <CopyButton text={created.trackingUrl} label="Copy the tracking link" />
              <Link to={`/links/${created.id}`}>See its stats</Link>
            </div>
            <QrCode text={created.trackingUrl} fileName={`link-${created.code}`} />
          </div>
        ) : (
          <div className="form-stack">
            <p className="muted small">
              The tracking link will look like this (the code is chosen when you create it):
            </p>
            <div className="url-preview">{preview}</div>
            <p className="muted small">
              Visitors land on {values.destinationUrl || program?.defaultLandingUrl}; your sub-ids are
              recorded with each click and shown in your stats.
            </p>
          </div>
        )}
      </Card>
    </div>
  )
}

function previewUrl(v: Partial<Values>): string {
  const query = new URLSearchParams()
  for (const k of [...SUBS, ...UTMS]) {
    const value = v[k]?.trim()
    if (value) query.set(k, value)
  }
  const code = v.alias?.trim() || '<code>'
  const text = query.toString()
  return `…/r/${code}${text ? `?${text}` : ''}`
}
