import type { ReactNode } from 'react'
import type { FieldError } from 'react-hook-form'

/** A labelled field with its hint and its error, wired for screen readers. */
export function FormField({
  id,
  label,
  error,
  hint,
  children,
}: {
  readonly id: string
  readonly label: ReactNode
  readonly error?: FieldError | undefined
  readonly hint?: ReactNode
  readonly children: ReactNode
}) {
  return (
    <div className="field">
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children}
      {hint ? (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error?.message ? (
        <span className="field-error" role="alert" id={`${id}-error`}>
          {error.message}
        </span>
      ) : null}
    </div>
  )
}

/** Props that tie an input to its FormField's hint and error. */
export function describedBy(id: string, error: FieldError | undefined, hint = false) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const
}
