import { zodResolver } from '@hookform/resolvers/zod'
import { ErrorState, errorMessage, formatMoney, LoadingState } from '@tandem/ui'
import { useMutation, useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { Link, useParams } from 'react-router'
import { z } from 'zod'
import { describedBy, FormField } from '../forms/form-field.tsx'
import { applyServerErrors } from '../forms/server-errors.ts'
import { PublicShell } from '../public/public-shell.tsx'
import { useTRPC } from '../trpc.ts'

const schema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(120, 'At most 120 characters'),
  email: z.string().trim().email('Enter a valid email address'),
  country: z.string().regex(/^([A-Z]{2})?$/, 'Choose a country'),
  website: z
    .string()
    .trim()
    .max(2048)
    .refine(
      (v) => v === '' || /^https?:\/\/\S+\.\S+/.test(v),
      'Enter a full address such as https://myblog.com',
    ),
  promotion: z.string().trim().max(2000, 'At most 2000 characters'),
  acceptTerms: z.boolean().refine((v) => v, 'Accept the program terms to apply'),
})
type Values = z.infer<typeof schema>

const SCHEDULE = {
  manual: 'when the program team runs payouts',
  weekly: 'weekly',
  monthly: 'monthly',
} as const

/** /join/:slug — a program's public page: what it pays, its terms, and the application form. */
export function JoinPage() {
  const { slug = '' } = useParams()
  const trpc = useTRPC()
  const program = useQuery(trpc.join.program.queryOptions({ slug }, { retry: false }))
  const [outcome, setOutcome] = useState<'received' | 'approved' | null>(null)

  return (
    <PublicShell wide>
      {program.isError ? (
        <div className="card">
          <ErrorState title="Program not found" message={errorMessage(program.error)} />
        </div>
      ) : !program.data ? (
        <LoadingState label="Loading the program…" />
      ) : (
        <div className="join-grid">
          <section className="card join-about" aria-labelledby="program-name">
            <p className="eyebrow">
              {program.data.kind === 'referral' ? 'Referral program' : 'Affiliate program'}
            </p>
            <h1 id="program-name" className="join-title">
              {program.data.name}
            </h1>
            {program.data.description ? <p className="join-description">{program.data.description}</p> : null}
            <h2 className="join-subtitle">
              {program.data.kind === 'referral' ? 'Rewards' : 'What you earn'}
            </h2>
            {program.data.commissions.length > 0 ? (
              <ul className="join-list" data-testid="join-commissions">
                {program.data.commissions.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">The program team shares its commissions when you join.</p>
            )}
            <dl className="join-facts">
              <div>
                <dt>Cookie</dt>
                <dd>{program.data.cookieDays} days</dd>
              </div>
              <div>
                <dt>Hold period</dt>
                <dd>{program.data.holdDays} days before a commission is approved</dd>
              </div>
              <div>
                <dt>Payouts</dt>
                <dd>
                  {SCHEDULE[program.data.payoutSchedule]}, from {formatMoney(program.data.payoutThreshold)}
                </dd>
              </div>
              {program.data.domains.length > 0 ? (
                <div>
                  <dt>Links to</dt>
                  <dd>{program.data.domains.join(', ')}</dd>
                </div>
              ) : null}
            </dl>
            {program.data.terms ? (
              <details className="join-terms">
                <summary>Program terms</summary>
                <div className="join-terms-text">{program.data.terms}</div>
              </details>
            ) : null}
          </section>
          <section className="card join-form-card" aria-labelledby="apply-title">
            {outcome ? (
              <ApplicationSent outcome={outcome} name={program.data.name} />
            ) : program.data.applications === 'closed' ? (
              <div className="state">
                <div className="state-title">Applications are closed</div>
                <div className="state-message">This program does not take new partners at the moment.</div>
              </div>
            ) : (
              <ApplicationForm
                slug={slug}
                hasTerms={program.data.terms !== null}
                reviewed={program.data.applications === 'review'}
                onDone={setOutcome}
              />
            )}
          </section>
        </div>
      )}
    </PublicShell>
  )
}

function ApplicationSent({
  outcome,
  name,
}: {
  readonly outcome: 'received' | 'approved'
  readonly name: string
}) {
  return (
    <div className="state" data-testid="application-sent" role="status">
      <div className="state-title">{outcome === 'approved' ? `Welcome to ${name}` : 'Application sent'}</div>
      <div className="state-message">
        {outcome === 'approved'
          ? 'Check your inbox: we emailed you a link to set your password and open the partner portal.'
          : 'Check your inbox: we emailed you a confirmation, and we will email you again once the program team has decided.'}
      </div>
      <Link to="/login">Go to the login page</Link>
    </div>
  )
}

function ApplicationForm({
  slug,
  hasTerms,
  reviewed,
  onDone,
}: {
  readonly slug: string
  readonly hasTerms: boolean
  readonly reviewed: boolean
  readonly onDone: (outcome: 'received' | 'approved') => void
}) {
  const trpc = useTRPC()
  const id = useId()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', email: '', country: '', website: '', promotion: '', acceptTerms: false },
  })
  const apply = useMutation(
    trpc.join.submit.mutationOptions({
      onSuccess: (data) => onDone(data.status),
      onError: (error) =>
        setFormError(
          applyServerErrors(error, ['name', 'email', 'country', 'website', 'promotion'], setError),
        ),
    }),
  )
  const submit = handleSubmit((v) => {
    setFormError(null)
    apply.mutate({
      slug,
      name: v.name,
      email: v.email,
      ...(v.country ? { country: v.country } : {}),
      ...(v.website ? { website: v.website } : {}),
      ...(v.promotion ? { promotion: v.promotion } : {}),
      acceptTerms: true,
    })
  })
  const f = (name: string) => `${id}-${name}`
  return (
    <form className="form-stack" onSubmit={submit} noValidate>
      <h2 id="apply-title" className="card-title">
        Apply to join
      </h2>
      <p className="muted small">
        {reviewed
          ? 'The program team reviews each application and emails you their decision.'
          : 'You are approved at once: we email you a link to set your password.'}
      </p>
      {formError ? (
        <div className="alert alert-error" role="alert">
          {formError}
        </div>
      ) : null}
      <FormField id={f('name')} label="Your name" error={errors.name}>
        <input
          className="input"
          autoComplete="name"
          {...describedBy(f('name'), errors.name)}
          {...register('name')}
        />
      </FormField>
      <FormField id={f('email')} label="Email" error={errors.email}>
        <input
          className="input"
          type="email"
          autoComplete="email"
          {...describedBy(f('email'), errors.email)}
          {...register('email')}
        />
      </FormField>
      <FormField id={f('country')} label="Country" error={errors.country}>
        <select
          className="input select"
          {...describedBy(f('country'), errors.country)}
          {...register('country')}
        >
          <option value="">Choose…</option>
          {COUNTRIES.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField
        id={f('website')}
        label="Website or channel (optional)"
        error={errors.website}
        hint="Where you will share your links"
      >
        <input
          className="input"
          type="url"
          inputMode="url"
          placeholder="https://"
          {...describedBy(f('website'), errors.website, true)}
          {...register('website')}
        />
      </FormField>
      <FormField id={f('promotion')} label="How will you promote us? (optional)" error={errors.promotion}>
        <textarea
          className="input textarea"
          rows={3}
          {...describedBy(f('promotion'), errors.promotion)}
          {...register('promotion')}
        />
      </FormField>
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            {...register('acceptTerms')}
            aria-invalid={errors.acceptTerms ? true : undefined}
          />
          <span>I accept the {hasTerms ? 'program terms above' : 'program terms'}</span>
        </label>
        {errors.acceptTerms?.message ? (
          <span className="field-error" role="alert">
            {errors.acceptTerms.message}
          </span>
        ) : null}
      </div>
      <button type="submit" className="button button-primary button-block" disabled={apply.isPending}>
        {apply.isPending ? 'Sending…' : 'Apply'}
      </button>
      <p className="muted small">
        Already a partner? <Link to="/login">Log in</Link> and join from the portal.
      </p>
    </form>
  )
}

/** The countries partners most often come from, then the rest (ISO 3166-1 alpha-2). */
const COUNTRIES: readonly (readonly [string, string])[] = [
  ['AT', 'Austria'],
  ['AU', 'Australia'],
  ['BE', 'Belgium'],
  ['BR', 'Brazil'],
  ['CA', 'Canada'],
  ['CH', 'Switzerland'],
  ['CZ', 'Czechia'],
  ['DE', 'Germany'],
  ['DK', 'Denmark'],
  ['ES', 'Spain'],
  ['FI', 'Finland'],
  ['FR', 'France'],
  ['GB', 'United Kingdom'],
  ['GR', 'Greece'],
  ['IE', 'Ireland'],
  ['IN', 'India'],
  ['IT', 'Italy'],
  ['JP', 'Japan'],
  ['MX', 'Mexico'],
  ['NL', 'Netherlands'],
  ['NO', 'Norway'],
  ['NZ', 'New Zealand'],
  ['PL', 'Poland'],
  ['PT', 'Portugal'],
  ['SE', 'Sweden'],
  ['SG', 'Singapore'],
  ['US', 'United States'],
  ['ZA', 'South Africa'],
]

export { COUNTRIES }
