import type { PartnerOutputs } from '@tandem/api'
import { Card, DataTable, ErrorState, errorMessage, LoadingState, PageHeader, StatusBadge } from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { whenWithZone } from '../format/when.ts'
import { useTRPC } from '../trpc.ts'
import { COUNTRIES } from './join-page.tsx'

type Settings = PartnerOutputs['settings']['get']

/** /settings — how the partner is paid, who they are for tax, what they hear about, their postbacks. */
export function SettingsPage() {
  const trpc = useTRPC()
  const settings = useQuery(trpc.settings.get.queryOptions())
  return (
    <>
      <PageHeader
        title="Settings"
        description="Where we send your money, your tax details, notifications and postbacks."
      />
      {settings.isError ? (
        <Card>
          <ErrorState message={errorMessage(settings.error)} onRetry={() => void settings.refetch()} />
        </Card>
      ) : !settings.data ? (
        <LoadingState label="Loading your settings…" />
      ) : (
        <>
          <PayoutCard settings={settings.data} />
          <ProfileCard settings={settings.data} />
          <NotificationsCard settings={settings.data} />
          <LeaderboardCard settings={settings.data} />
          <PostbackCard />
        </>
      )}
    </>
  )
}

function useSaved() {
  const queryClient = useQueryClient()
  const trpc = useTRPC()
  return () => queryClient.invalidateQueries({ queryKey: trpc.settings.get.queryKey() })
}

function Status({ error, saved }: { readonly error: unknown; readonly saved: boolean }) {
  if (error)
    return (
      <div className="alert alert-error" role="alert">
        {errorMessage(error)}
      </div>
    )
  return saved ? (
    <span className="muted small" role="status" data-testid="saved">
      Saved
    </span>
  ) : null
}

function PayoutCard({ settings }: { readonly settings: Settings }) {
  const trpc = useTRPC()
  const id = useId()
  const onSaved = useSaved()
  const current = settings.payout
  const [method, setMethod] = useState<'paypal' | 'bank_transfer' | 'wise'>(current?.method ?? 'paypal')
  const [currency, setCurrency] = useState(settings.payoutCurrency ?? 'EUR')
  const [email, setEmail] = useState(current && current.method !== 'bank_transfer' ? current.email : '')
  const [holder, setHolder] = useState(current?.method === 'bank_transfer' ? current.accountHolder : '')
  const [iban, setIban] = useState('')
  const [bic, setBic] = useState(current?.method === 'bank_transfer' ? (current.bic ?? '') : '')
  const [saved, setSaved] = useState(false)
  const save = useMutation(
    trpc.settings.setPayout.mutationOptions({
      onSuccess: () => {
        setSaved(true)
        void onSaved()
      },
    }),
  )
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSaved(false)
    if (method === 'bank_transfer') {
      save.mutate({ method, currency, details: { accountHolder: holder, iban, ...(bic ? { bic } : {}) } })
    } else if (method === 'wise') {
      save.mutate({ method, currency, details: { email, ...(holder ? { accountHolder: holder } : {}) } })
    } else save.mutate({ method, currency, details: { email } })
  }
  return (
    <Card
      title="Payout method"
      description={
        current
          ? `Now: ${current.method === 'bank_transfer' ? `bank account ${current.ibanMasked}` : `${current.method === 'paypal' ? 'PayPal' : 'Wise'} ${current.email}`}, paid in ${settings.payoutCurrency ?? '—'}`
          : 'Not set yet: we cannot pay you until it is.'
      }
    >
      <form className="form-stack" onSubmit={submit} data-testid="payout-form">
        <fieldset className="fieldset">
          <legend>Method</legend>
          <div className="form-actions">
            {(
              [
                ['paypal', 'PayPal'],
                ['bank_transfer', 'Bank transfer (IBAN)'],
                ['wise', 'Wise'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="checkbox">
                <input
                  type="radio"
                  name="method"
                  value={value}
                  checked={method === value}
                  onChange={() => setMethod(value)}
                />
                <span>{label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-grid">
          {method !== 'bank_transfer' ? (
            <div className="field">
              <label className="label" htmlFor={`${id}-email`}>
                {method === 'paypal' ? 'PayPal email' : 'Wise email'}
              </label>
              <input
                id={`${id}-email`}
                className="input"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                required
              />
            </div>
          ) : null}
          {method !== 'paypal' ? (
            <div className="field">
              <label className="label" htmlFor={`${id}-holder`}>
                Account holder
              </label>
              <input
                id={`${id}-holder`}
                className="input"
                value={holder}
                onChange={(e) => setHolder(e.target.value)}
                required={method === 'bank_transfer'}
              />
            </div>
          ) : null}
          {method === 'bank_transfer' ? (
            <>
              <div className="field">
                <label className="label" htmlFor={`${id}-iban`}>
                  IBAN
                </label>
                <input
                  id={`${id}-iban`}
                  className="input mono"
                  value={iban}
                  placeholder={
                    current?.method === 'bank_transfer'
                      ? `${current.ibanMasked} (enter it again to change it)`
                      : 'DE89 3704 0044 0532 0130 00'
                  }
                  onChange={(e) => setIban(e.target.value)}
                  required
                />
              </div>
              <div className="field">
                <label className="label" htmlFor={`${id}-bic`}>
                  BIC (optional)
                </label>
                <input
                  id={`${id}-bic`}
                  className="input mono"
                  value={bic}
                  onChange={(e) => setBic(e.target.value)}
                />
              </div>
            </>
          ) : null}
          <div className="field">
            <label className="label" htmlFor={`${id}-currency`}>
              Currency
            </label>
            <select
              id={`${id}-currency`}
              className="input select"
              value={currency}
              onChange={(e) => setCurrency(e.target.value)}
            >
              {['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CAD', 'AUD'].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save payout method'}
          </button>
          <Status error={save.error} saved={saved} />
        </div>
      </form>
    </Card>
  )
}

function ProfileCard({ settings }: { readonly settings: Settings }) {
  const trpc = useTRPC()
  const id = useId()
  const onSaved = useSaved()
  const a = settings.address
  const t = settings.tax
  const [v, setV] = useState({
    legalName: settings.legalName ?? '',
    line1: a?.line1 ?? '',
    line2: a?.line2 ?? '',
    city: a?.city ?? '',
    postalCode: a?.postalCode ?? '',
    country: a?.country ?? '',
    taxCountry: t?.country ?? a?.country ?? '',
    vatId: t?.vatId ?? '',
    form: t?.form ?? 'none',
    entityType: t?.entityType ?? 'individual',
    taxName: t?.taxName ?? settings.legalName ?? '',
    tin: '',
    tinType: t?.tinType ?? 'foreign',
    certifiedBy: t?.certifiedBy ?? '',
  })
  const [saved, setSaved] = useState(false)
  const save = useMutation(
    trpc.settings.setProfile.mutationOptions({
      onSuccess: () => {
        setSaved(true)
        void onSaved()
      },
    }),
  )
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSaved(false)
    save.mutate({
      legalName: v.legalName || null,
      address: {
        line1: v.line1,
        ...(v.line2 ? { line2: v.line2 } : {}),
        city: v.city,
        postalCode: v.postalCode,
        country: v.country,
      },
      tax: {
        country: v.taxCountry,
        ...(v.vatId ? { vatId: v.vatId } : {}),
        form: v.form as 'none' | 'w9' | 'w8ben',
        entityType: v.entityType as 'individual' | 'business',
        taxName: v.taxName,
        ...(v.form !== 'none' && v.tin
          ? { tin: v.tin, tinType: v.tinType as 'ssn' | 'ein' | 'foreign' }
          : {}),
        ...(v.form !== 'none' ? { certifiedBy: v.certifiedBy } : {}),
      },
    })
  }
  const field = (k: keyof typeof v, label: string, extra: Record<string, unknown> = {}) => (
    <div className="field">
      <label className="label" htmlFor={`${id}-${k}`}>
        {label}
      </label>
      <input id={`${id}-${k}`} className="input" value={v[k]} onChange={set(k)} {...extra} />
    </div>
  )
  const countrySelect = (k: 'country' | 'taxCountry', label: string) => (
    <div className="field">
      <label className="label" htmlFor={`${id}-${k}`}>
        {label}
      </label>
      <select id={`${id}-${k}`} className="input select" value={v[k]} onChange={set(k)} required>
        <option value="">Choose…</option>
        {COUNTRIES.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  )
  return (
    <Card
      title="Name, address and tax"
      description="Printed on your statements. Your tax id is stored for the declaration and shown only by its last four characters."
    >
      <form className="form-stack" onSubmit={submit} data-testid="profile-form">
        <div className="form-grid">
          {field('legalName', 'Legal name (person or company)')}
          {field('line1', 'Address', { required: true })}
          {field('line2', 'Address line 2 (optional)')}
          {field('postalCode', 'Postal code', { required: true })}
          {field('city', 'City', { required: true })}
          {countrySelect('country', 'Country')}
        </div>
        <fieldset className="fieldset">
          <legend>Tax details</legend>
          <div className="form-grid">
            {countrySelect('taxCountry', 'Tax residence')}
            {field('vatId', 'VAT id (optional)', { placeholder: 'DE123456789' })}
            <div className="field">
              <label className="label" htmlFor={`${id}-entity`}>
                You are
              </label>
              <select
                id={`${id}-entity`}
                className="input select"
                value={v.entityType}
                onChange={set('entityType')}
              >
                <option value="individual">An individual</option>
                <option value="business">A business</option>
              </select>
            </div>
            {field('taxName', 'Name on your tax return', { required: true })}
            <div className="field">
              <label className="label" htmlFor={`${id}-form`}>
                US tax declaration
              </label>
              <select id={`${id}-form`} className="input select" value={v.form} onChange={set('form')}>
                <option value="none">None needed</option>
                <option value="w9">W-9 (US person)</option>
                <option value="w8ben">W-8BEN (not a US person)</option>
              </select>
            </div>
            {v.form !== 'none' ? (
              <>
                <div className="field">
                  <label className="label" htmlFor={`${id}-tinType`}>
                    Tax id type
                  </label>
                  <select
                    id={`${id}-tinType`}
                    className="input select"
                    value={v.tinType}
                    onChange={set('tinType')}
                  >
                    <option value="ssn">SSN</option>
                    <option value="ein">EIN</option>
                    <option value="foreign">Foreign tax id</option>
                  </select>
                </div>
                {field(
                  'tin',
                  t?.tinLast4 ? `Tax id (saved: …${t.tinLast4}; enter again to change)` : 'Tax id',
                  { autoComplete: 'off' },
                )}
                {field('certifiedBy', 'Signature: your full name, certifying the above is correct')}
              </>
            ) : null}
          </div>
          {t?.certifiedAt ? (
            <p className="muted small">
              Certified by {t.certifiedBy} on {whenWithZone(t.certifiedAt)}.
            </p>
          ) : null}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save name, address and tax'}
          </button>
          <Status error={save.error} saved={saved} />
        </div>
      </form>
    </Card>
  )
}

const NOTIFY: readonly [keyof Settings['notifications'], string][] = [
  ['newConversion', 'A sale is credited to me'],
  ['conversionApproved', 'A commission is approved'],
  ['payoutSent', 'A payout is sent'],
  ['programNews', 'News and offers from my programs'],
]

function NotificationsCard({ settings }: { readonly settings: Settings }) {
  const trpc = useTRPC()
  const onSaved = useSaved()
  const [v, setV] = useState(settings.notifications)
  const [saved, setSaved] = useState(false)
  const save = useMutation(
    trpc.settings.setProfile.mutationOptions({
      onSuccess: () => {
        setSaved(true)
        void onSaved()
      },
    }),
  )
  return (
    <Card title="Email notifications">
      <form
        className="form-stack"
        onSubmit={(e) => {
          e.preventDefault()
          setSaved(false)
          save.mutate({ notifications: v })
        }}
      >
        {NOTIFY.map(([key, label]) => (
          <label key={key} className="checkbox">
            <input
              type="checkbox"
              checked={v[key]}
              onChange={(e) => setV({ ...v, [key]: e.target.checked })}
            />
            <span>{label}</span>
          </label>
        ))}
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            Save notifications
          </button>
          <Status error={save.error} saved={saved} />
        </div>
      </form>
    </Card>
  )
}

function PostbackCard() {
  const trpc = useTRPC()
  const id = useId()
  const queryClient = useQueryClient()
  const postbacks = useQuery(trpc.settings.postbacks.queryOptions())
  const help = useQuery(trpc.settings.postbackHelp.queryOptions())
  const [programId, setProgramId] = useState<string | null>(null)
  const chosen = postbacks.data?.find((p) => p.programId === programId) ?? postbacks.data?.[0]
  const [template, setTemplate] = useState<string | null>(null)
  const deliveries = useQuery(
    trpc.settings.deliveries.queryOptions(
      chosen ? { programId: chosen.programId, limit: 20 } : { limit: 20 },
      {
        enabled: Boolean(chosen),
      },
    ),
  )
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.settings.postbacks.queryKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.settings.deliveries.queryKey() })
  }
  const save = useMutation(trpc.settings.setPostback.mutationOptions({ onSuccess: refresh }))
  const test = useMutation(trpc.settings.testPostback.mutationOptions({ onSettled: refresh }))
  if (postbacks.isError) return <ErrorState message={errorMessage(postbacks.error)} />
  if (!postbacks.data) return <LoadingState />
  if (!chosen)
    return (
      <Card title="Postback URL">
        <p className="muted">
          Once a program approves you, you can have us call your own URL for each conversion.
        </p>
      </Card>
    )
  const value = template ?? chosen.urlTemplate ?? ''
  return (
    <Card
      title="Postback URL"
      description={`We call it for each conversion event, filling ${(help.data?.placeholders ?? []).map((p) => `{${p}}`).join(' ')}.`}
    >
      <form
        className="form-stack"
        onSubmit={(e) => {
          e.preventDefault()
          save.mutate({ programId: chosen.programId, urlTemplate: value, events: [], active: true })
        }}
        data-testid="postback-form"
      >
        <div className="form-grid">
          <div className="field">
            <label className="label" htmlFor={`${id}-program`}>
              Program
            </label>
            <select
              id={`${id}-program`}
              className="input select"
              value={chosen.programId}
              onChange={(e) => {
                setProgramId(e.target.value)
                setTemplate(null)
              }}
            >
              {postbacks.data.map((p) => (
                <option key={p.programId} value={p.programId}>
                  {p.programName}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label className="label" htmlFor={`${id}-url`}>
            URL template
          </label>
          <input
            id={`${id}-url`}
            className="input mono"
            value={value}
            placeholder="https://tracker.example/pb?cid={click_id}&payout={amount}&status={status}&s1={sub1}"
            onChange={(e) => setTemplate(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            Save postback
          </button>
          <button
            type="button"
            className="button"
            disabled={test.isPending || !chosen.urlTemplate}
            onClick={() => test.mutate({ programId: chosen.programId })}
          >
            {test.isPending ? 'Sending…' : 'Send test'}
          </button>
          {test.data ? (
            <span
              className={test.data.ok ? 'badge badge-good' : 'badge badge-bad'}
              data-testid="postback-test-result"
            >
              {test.data.ok ? 'Test delivered' : `Test failed: ${test.data.error ?? ''}`}
            </span>
          ) : null}
          <Status error={save.error ?? test.error} saved={save.isSuccess} />
        </div>
      </form>
      <h3 className="card-title">Delivery log</h3>
      {deliveries.data ? (
        <div className="responsive-table">
          <DataTable
            label="Postback deliveries"
            testId="postback-deliveries"
            rows={deliveries.data}
            rowKey={(d) => String(d.id)}
            empty="Nothing sent yet."
            columns={[
              { id: 'at', header: 'When', cell: (d) => <span className="nowrap">{whenWithZone(d.at)}</span> },
              {
                id: 'status',
                header: 'Result',
                cell: (d) => <StatusBadge status={d.status === 'succeeded' ? 'completed' : d.status} />,
              },
              { id: 'code', header: 'HTTP', align: 'right', cell: (d) => d.statusCode ?? '—' },
              { id: 'event', header: 'Event', cell: (d) => d.topic },
              {
                id: 'url',
                header: 'URL',
                truncate: true,
                cell: (d) => <span className="mono break">{d.url}</span>,
              },
              { id: 'error', header: 'Error', cell: (d) => d.error ?? '' },
            ]}
          />
        </div>
      ) : (
        <LoadingState />
      )}
    </Card>
  )
}

function LeaderboardCard({ settings }: { readonly settings: Settings }) {
  const trpc = useTRPC()
  const id = useId()
  const onSaved = useSaved()
  const [name, setName] = useState(settings.leaderboardName ?? '')
  const [saved, setSaved] = useState(false)
  const save = useMutation(
    trpc.settings.setProfile.mutationOptions({
      onSuccess: () => {
        setSaved(true)
        void onSaved()
      },
    }),
  )
  return (
    <Card
      title="Leaderboards"
      description="Programs with a leaderboard show you by this name; leave it empty to appear only by your rank."
    >
      <form
        className="form-actions"
        onSubmit={(e) => {
          e.preventDefault()
          setSaved(false)
          save.mutate({ leaderboardName: name.trim() || null })
        }}
      >
        <label className="visually-hidden" htmlFor={`${id}-name`}>
          Name on leaderboards
        </label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={60}
          placeholder="Not shown"
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="button" disabled={save.isPending}>
          Save
        </button>
        <Status error={save.error} saved={saved} />
      </form>
    </Card>
  )
}
