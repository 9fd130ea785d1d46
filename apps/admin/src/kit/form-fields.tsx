import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from 'react'
import type { FieldError, FieldErrors, FieldValues, Path, UseFormRegister } from 'react-hook-form'

/** The error of a (possibly nested) field: errors.rules[2].name → at(errors, 'rules.2.name'). */
export function fieldError(errors: FieldErrors, name: string): string | undefined {
  let node: unknown = errors
  for (const part of name.split('.')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[part]
  }
  const message = (node as FieldError | undefined)?.message
  return typeof message === 'string' ? message : undefined
}

interface FieldShellProps {
  readonly label: ReactNode
  readonly hint?: ReactNode
  readonly error?: string | undefined
  readonly children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
}

/** A label, the control, a hint and the field's error, wired for screen readers. */
export function FieldShell({ label, hint, error, children }: FieldShellProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint ? (
        <span id={hintId} className="form-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  )
}

interface RegisteredProps<T extends FieldValues> {
  readonly name: Path<T>
  readonly label: ReactNode
  readonly hint?: ReactNode
  readonly register: UseFormRegister<T>
  readonly errors: FieldErrors<T>
}

export function TextField<T extends FieldValues>({
  name,
  label,
  hint,
  register,
  errors,
  ...input
}: RegisteredProps<T> & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  return (
    <FieldShell label={label} hint={hint} error={fieldError(errors, name)}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="input"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...input}
          {...register(name)}
        />
      )}
    </FieldShell>
  )
}

export function TextAreaField<T extends FieldValues>({
  name,
  label,
  hint,
  register,
  errors,
  rows = 3,
}: RegisteredProps<T> & { readonly rows?: number }) {
  return (
    <FieldShell label={label} hint={hint} error={fieldError(errors, name)}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          className="input"
          rows={rows}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...register(name)}
        />
      )}
    </FieldShell>
  )
}

export function SelectInput<T extends FieldValues>({
  name,
  label,
  hint,
  register,
  errors,
  options,
  ...select
}: RegisteredProps<T> & {
  readonly options: readonly { readonly value: string; readonly label: string }[]
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>) {
  return (
    <FieldShell label={label} hint={hint} error={fieldError(errors, name)}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          className="input select"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...select}
          {...register(name)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}

export function CheckboxField<T extends FieldValues>({
  name,
  label,
  register,
}: {
  readonly name: Path<T>
  readonly label: ReactNode
  readonly register: UseFormRegister<T>
}) {
  return (
    <label className="check">
      <input type="checkbox" {...register(name)} />
      <span>{label}</span>
    </label>
  )
}
