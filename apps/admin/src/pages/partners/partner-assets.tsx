import type { AdminOutputs } from '@tandem/api'
import { Card, CopyButton, StatusBadge } from '@tandem/ui'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { DateTime } from '../../kit/date-time.tsx'
import { SelectInput, TextField } from '../../kit/form-fields.tsx'
import { ListTable } from '../../kit/list-table.tsx'
import { MutationStatus } from '../../kit/mutation-status.tsx'
import { applyServerIssues } from '../../kit/server-errors.ts'
import { useTRPC } from '../../trpc.ts'

type Partner = AdminOutputs['partners']['get']

function approvedPrograms(partner: Partner) {
  return partner.enrollments
    .filter((e) => e.status === 'approved')
    .map((e) => ({ value: e.programId, label: e.programName }))
}

interface LinkValues {
  programId: string
  destinationUrl: string
  code: string
  name: string
}

/** The partner's tracking links: create (destination on the program's domains, optional code), copy, pause. */
export function LinksCard({ partner, canEdit }: { readonly partner: Partner; readonly canEdit: boolean }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const programs = approvedPrograms(partner)
  const create = useMutation(trpc.partners.createLink.mutationOptions())
  const setStatus = useMutation(
    trpc.partners.setLinkStatus.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.partners.get.pathFilter()),
    }),
  )
  const [other, setOther] = useState<string[]>([])
  const { register, handleSubmit, setError, reset, formState } = useForm<LinkValues>({
    defaultValues: { programId: programs[0]?.value ?? '', destinationUrl: '', code: '', name: '' },
  })
  const onSubmit = handleSubmit(async (v) => {
    setOther([])
    try {
      await create.mutateAsync({
        programId: v.programId,
        partnerId: partner.id,
        ...(v.destinationUrl.trim() ? { destinationUrl: v.destinationUrl.trim() } : {}),
        ...(v.code.trim() ? { code: v.code.trim() } : {}),
        ...(v.name.trim() ? { name: v.name.trim() } : {}),
      })
      reset({ ...v, destinationUrl: '', code: '', name: '' })
      await queryClient.invalidateQueries(trpc.partners.get.pathFilter())
    } catch (error) {
      setOther(applyServerIssues(error, setError, ['programId', 'destinationUrl', 'code', 'name']))
    }
  })
  return (
    <Card title="Links" className="is-flush">
      {canEdit && programs.length > 0 ? (
        <form className="card-body form" onSubmit={onSubmit} noValidate aria-label="New link">
          <div className="form-grid">
            <SelectInput
              name="programId"
              label="Program"
              options={programs}
              register={register}
              errors={formState.errors}
            />
            <TextField
              name="destinationUrl"
              label="Destination"
              hint="Empty: the program's landing page; a deep link must be on its domains"
              inputMode="url"
              register={register}
              errors={formState.errors}
            />
            <TextField
              name="code"
              label="Code"
              hint="Empty: a random code"
              register={register}
              errors={formState.errors}
            />
            <TextField
              name="name"
              label="Label"
              hint="Optional"
              register={register}
              errors={formState.errors}
            />
          </div>
          {other.length > 0 ? (
            <p className="form-error" role="alert">
              {other.join('; ')}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
              Create link
            </button>
            <MutationStatus mutation={create} success="Link created." pending="Creating…" showError={false} />
          </div>
        </form>
      ) : canEdit ? (
        <p className="card-body muted">Approve the partner in a program to create links.</p>
      ) : null}
      <ListTable
        label="Links"
        testId="partner-links"
        rows={partner.links}
        rowKey={(l) => String(l.id)}
        empty="No links yet."
        columns={[
          {
            id: 'link',
            header: 'Tracking link',
            cell: (l) => (
              <span className="copy-cell">
                <span className="mono url">{l.trackingUrl}</span>{' '}
                <CopyButton text={l.trackingUrl} label={`Copy link ${l.code}`} />
              </span>
            ),
          },
          {
            id: 'destination',
            header: 'Lands on',
            cell: (l) => <span className="mono">{l.destinationUrl}</span>,
          },
          { id: 'program', header: 'Program', cell: (l) => l.programName },
          { id: 'status', header: 'Status', cell: (l) => <StatusBadge status={l.status} /> },
          { id: 'created', header: 'Created', cell: (l) => <DateTime value={l.createdAt} /> },
          {
            id: 'actions',
            header: '',
            cell: (l) =>
              canEdit ? (
                <button
                  type="button"
                  className="button button-small"
                  disabled={setStatus.isPending}
                  onClick={() =>
                    setStatus.mutate({ linkId: l.id, status: l.status === 'active' ? 'paused' : 'active' })
                  }
                >
                  {l.status === 'active' ? 'Pause' : 'Activate'}
                </button>
              ) : null,
          },
        ]}
      />
    </Card>
  )
}

interface CouponValues {
  programId: string
  code: string
  percent: string
}

export function CouponsCard({ partner, canEdit }: { readonly partner: Partner; readonly canEdit: boolean }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const programs = approvedPrograms(partner)
  const create = useMutation(trpc.partners.createCoupon.mutationOptions())
  const setStatus = useMutation(
    trpc.partners.setCouponStatus.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.partners.get.pathFilter()),
    }),
  )
  const [other, setOther] = useState<string[]>([])
  const { register, handleSubmit, setError, reset, formState } = useForm<CouponValues>({
    defaultValues: { programId: programs[0]?.value ?? '', code: '', percent: '' },
  })
  const onSubmit = handleSubmit(async (v) => {
    setOther([])
    const percent = v.percent.trim()
    if (percent && !/^\d{1,3}(\.\d{1,2})?$/.test(percent)) {
      setError('percent', { message: 'A percentage such as 10 or 12.5' })
      return
    }
    try {
      await create.mutateAsync({
        programId: v.programId,
        partnerId: partner.id,
        code: v.code.trim(),
        discount: percent ? { kind: 'percent', bps: Math.round(Number(percent) * 100) } : null,
      })
      reset({ ...v, code: '', percent: '' })
      await queryClient.invalidateQueries(trpc.partners.get.pathFilter())
    } catch (error) {
      setOther(applyServerIssues(error, setError, ['programId', 'code'], { 'discount.bps': 'percent' }))
    }
  })
  return (
    <Card title="Coupons" className="is-flush">
      {canEdit && programs.length > 0 ? (
        <form className="card-body form" onSubmit={onSubmit} noValidate aria-label="New coupon">
          <div className="form-grid">
            <SelectInput
              name="programId"
              label="Program"
              options={programs}
              register={register}
              errors={formState.errors}
            />
            <TextField
              name="code"
              label="Coupon code"
              hint="Orders with it are attributed to this partner"
              register={register}
              errors={formState.errors}
            />
            <TextField
              name="percent"
              label="Shopper's discount (%)"
              hint="Optional, shown to the partner"
              register={register}
              errors={formState.errors}
            />
          </div>
          {other.length > 0 ? (
            <p className="form-error" role="alert">
              {other.join('; ')}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
              Create coupon
            </button>
            <MutationStatus
              mutation={create}
              success="Coupon created."
              pending="Creating…"
              showError={false}
            />
          </div>
        </form>
      ) : null}
      <ListTable
        label="Coupons"
        testId="partner-coupons"
        rows={partner.coupons}
        rowKey={(c) => c.id}
        empty="No coupons yet."
        columns={[
          { id: 'code', header: 'Code', cell: (c) => <span className="coupon-code">{c.code}</span> },
          { id: 'program', header: 'Program', cell: (c) => c.programName },
          { id: 'status', header: 'Status', cell: (c) => <StatusBadge status={c.status} /> },
          { id: 'created', header: 'Created', cell: (c) => <DateTime value={c.createdAt} /> },
          {
            id: 'actions',
            header: '',
            cell: (c) =>
              canEdit ? (
                <button
                  type="button"
                  className="button button-small"
                  disabled={setStatus.isPending}
                  onClick={() =>
                    setStatus.mutate({ couponId: c.id, status: c.status === 'active' ? 'paused' : 'active' })
                  }
                >
                  {c.status === 'active' ? 'Pause' : 'Activate'}
                </button>
              ) : null,
          },
        ]}
      />
    </Card>
  )
}

interface PayoutValues {
  method: 'bank_transfer' | 'paypal' | 'wise'
  currency: string
  accountHolder: string
  iban: string
  bic: string
  email: string
}

/** How the partner is paid: a manager can record it (e.g. from a signed form); the partner can too, on their portal. */
export function PayoutDetailsCard({
  partner,
  canEdit,
}: {
  readonly partner: Partner
  readonly canEdit: boolean
}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const save = useMutation(trpc.partners.setPayoutDetails.mutationOptions())
  const [other, setOther] = useState<string[]>([])
  const { register, handleSubmit, setError, watch, formState } = useForm<PayoutValues>({
    defaultValues: {
      method: (partner.payoutMethod as PayoutValues['method']) ?? 'bank_transfer',
      currency: partner.payoutCurrency ?? partner.enrollments[0]?.currency ?? 'EUR',
      accountHolder: partner.name,
      iban: '',
      bic: '',
      email: partner.email,
    },
  })
  const method = watch('method')
  const onSubmit = handleSubmit(async (v) => {
    setOther([])
    const details =
      v.method === 'bank_transfer'
        ? { accountHolder: v.accountHolder, iban: v.iban, ...(v.bic.trim() ? { bic: v.bic.trim() } : {}) }
        : { email: v.email }
    try {
      await save.mutateAsync({
        partnerId: partner.id,
        method: v.method,
        currency: v.currency,
        details,
      } as never)
      await queryClient.invalidateQueries(trpc.partners.get.pathFilter())
    } catch (error) {
      setOther(
        applyServerIssues(error, setError, ['method', 'currency', 'accountHolder', 'iban', 'bic', 'email'], {
          'details.iban': 'iban',
          'details.bic': 'bic',
          'details.email': 'email',
          'details.accountHolder': 'accountHolder',
        }),
      )
    }
  })
  return (
    <Card
      title="Payout method"
      description={
        partner.payoutMethod
          ? `Paid by ${partner.payoutMethod.replace('_', ' ')} in ${partner.payoutCurrency ?? '—'}. Account details are never shown again here; the export files carry them.`
          : 'Not set: this partner is held back from payouts until it is.'
      }
    >
      {canEdit ? (
        <form className="card-body form" onSubmit={onSubmit} noValidate aria-label="Payout method">
          <div className="form-grid">
            <SelectInput
              name="method"
              label="Method"
              options={[
                { value: 'bank_transfer', label: 'Bank transfer (SEPA)' },
                { value: 'paypal', label: 'PayPal' },
                { value: 'wise', label: 'Wise' },
              ]}
              register={register}
              errors={formState.errors}
            />
            <TextField
              name="currency"
              label="Currency"
              maxLength={3}
              register={register}
              errors={formState.errors}
            />
            {method === 'bank_transfer' ? (
              <>
                <TextField
                  name="accountHolder"
                  label="Account holder"
                  register={register}
                  errors={formState.errors}
                />
                <TextField name="iban" label="IBAN" register={register} errors={formState.errors} />
                <TextField
                  name="bic"
                  label="BIC"
                  hint="Optional"
                  register={register}
                  errors={formState.errors}
                />
              </>
            ) : (
              <TextField
                name="email"
                label={method === 'paypal' ? 'PayPal email' : 'Wise email'}
                type="email"
                register={register}
                errors={formState.errors}
              />
            )}
          </div>
          {other.length > 0 ? (
            <p className="form-error" role="alert">
              {other.join('; ')}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
              Save payout method
            </button>
            <MutationStatus mutation={save} success="Saved." showError={false} />
          </div>
        </form>
      ) : null}
    </Card>
  )
}
