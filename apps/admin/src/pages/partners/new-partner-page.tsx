import { zodResolver } from '@hookform/resolvers/zod'
import { Card, PageHeader } from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { useNavigate } from 'react-router'
import { z } from 'zod'
import { SelectInput, TextField } from '../../kit/form-fields.tsx'
import { applyServerIssues } from '../../kit/server-errors.ts'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { useTRPC } from '../../trpc.ts'

const schema = z.object({
  name: z.string().trim().min(1, 'A name').max(120),
  email: z.string().trim().email('An email address'),
  type: z.enum(['affiliate', 'ambassador']),
  country: z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/, 'A 2-letter country code such as DE'),
  ]),
  programIds: z.array(z.string()),
  enrollAs: z.enum(['approved', 'pending']),
})
type Values = z.input<typeof schema>

/** Adds a partner by hand (approved in the chosen programs); the next step is their invitation link. */
export function NewPartnerPage() {
  usePageTitle('Add partner')
  const trpc = useTRPC()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const programs = useQuery(trpc.programs.list.queryOptions())
  const create = useMutation(trpc.partners.create.mutationOptions())
  const [other, setOther] = useState<string[]>([])
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: '',
      email: '',
      type: 'affiliate',
      country: '',
      programIds: [],
      enrollAs: 'approved',
    },
  })
  const onSubmit = handleSubmit(async (v) => {
    setOther([])
    try {
      const created = await create.mutateAsync({
        name: v.name,
        email: v.email,
        type: v.type,
        country: v.country ? v.country.toUpperCase() : null,
        enrollments: v.programIds.map((programId) => ({ programId, status: v.enrollAs })),
      })
      await queryClient.invalidateQueries(trpc.partners.pathFilter())
      navigate(`/partners/${created.id}?added=1`)
    } catch (error) {
      setOther(applyServerIssues(error, setError, ['name', 'email', 'type', 'country']))
    }
  })
  const active = (programs.data ?? []).filter((p) => p.status !== 'archived')
  return (
    <>
      <PageHeader
        title="Add partner"
        description="Then send them their invitation link to the partner portal."
      />
      <Card>
        <form className="card-body form" onSubmit={onSubmit} noValidate aria-label="Add partner">
          <div className="form-grid">
            <TextField name="name" label="Name" register={register} errors={errors} />
            <TextField name="email" label="Email" type="email" register={register} errors={errors} />
            <SelectInput
              name="type"
              label="Type"
              options={[
                { value: 'affiliate', label: 'Affiliate' },
                { value: 'ambassador', label: 'Ambassador (customer who refers)' },
              ]}
              register={register}
              errors={errors}
            />
            <TextField
              name="country"
              label="Country"
              hint="Optional, e.g. DE"
              maxLength={2}
              register={register}
              errors={errors}
            />
          </div>
          <fieldset className="form-section">
            <legend>Programs</legend>
            {active.length === 0 ? <p className="muted">No program yet: create one first.</p> : null}
            {active.map((p) => (
              <label key={p.id} className="check">
                <input type="checkbox" value={p.id} {...register('programIds')} />
                <span>
                  {p.name} <span className="muted">({p.currency})</span>
                </span>
              </label>
            ))}
            <SelectInput
              name="enrollAs"
              label="Enroll as"
              options={[
                { value: 'approved', label: 'Approved (can earn now)' },
                { value: 'pending', label: 'Pending (in the applications queue)' },
              ]}
              register={register}
              errors={errors}
            />
          </fieldset>
          {other.length > 0 ? (
            <ul className="problem-list" role="alert">
              {other.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={isSubmitting}>
              {isSubmitting ? 'Adding…' : 'Add partner'}
            </button>
          </div>
        </form>
      </Card>
    </>
  )
}
