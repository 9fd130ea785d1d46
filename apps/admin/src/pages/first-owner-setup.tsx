import { zodResolver } from '@hookform/resolvers/zod'
import { BrandMark, errorMessage } from '@tandem/ui'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useForm } from 'react-hook-form'
import { useNavigate } from 'react-router'
import { z } from 'zod'
import { TextField } from '../kit/form-fields.tsx'
import { applyServerIssues } from '../kit/server-errors.ts'
import { useTRPC } from '../trpc.ts'

const schema = z
  .object({
    name: z.string().trim().min(1, 'Your name').max(120),
    email: z.string().trim().email('An email address such as you@shop.example'),
    password: z.string().min(10, 'At least 10 characters').max(200),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The passwords differ' })
type Values = z.input<typeof schema>

/** A fresh install: the first visitor creates the owner account, then is logged in. */
export function FirstOwnerSetup() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const create = useMutation(trpc.setup.createOwner.mutationOptions())
  const login = useMutation(trpc.auth.login.mutationOptions())
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', email: '', password: '', confirm: '' },
  })
  const onSubmit = handleSubmit(async (v) => {
    try {
      await create.mutateAsync({ name: v.name, email: v.email, password: v.password })
      await login.mutateAsync({ email: v.email, password: v.password })
      navigate('/login?next=%2Fprograms%2Fnew', { replace: true })
      await queryClient.invalidateQueries()
    } catch (error) {
      applyServerIssues(error, setError, ['name', 'email', 'password'])
    }
  })
  const failed = create.error ?? login.error
  return (
    <div className="login-page">
      <form className="login-card form" onSubmit={onSubmit} noValidate aria-label="Create the owner account">
        <div className="login-brand">
          <BrandMark />
          <span className="brand-name">Tandem</span>
        </div>
        <h1 className="login-title">Set up Tandem</h1>
        <p className="muted">
          This install has no account yet. Create the owner: you can invite your team later.
        </p>
        <TextField name="name" label="Your name" autoComplete="name" register={register} errors={errors} />
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          register={register}
          errors={errors}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters"
          register={register}
          errors={errors}
        />
        <TextField
          name="confirm"
          label="Password again"
          type="password"
          autoComplete="new-password"
          register={register}
          errors={errors}
        />
        {failed ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(failed)}
          </div>
        ) : null}
        <button type="submit" className="button button-primary button-block" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create owner account'}
        </button>
      </form>
    </div>
  )
}
