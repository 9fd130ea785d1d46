import { type ReactNode, useEffect, useId, useState } from 'react'

export interface SelectOption {
  readonly value: string
  readonly label: string
}

export interface SelectFieldProps {
  readonly label: string
  readonly value: string
  readonly options: readonly SelectOption[]
  readonly onChange: (value: string) => void
  readonly disabled?: boolean
  readonly testId?: string
}

/** A labelled native select (keyboard and screen readers work out of the box). */
export function SelectField({ label, value, options, onChange, disabled, testId }: SelectFieldProps) {
  const id = useId()
  return (
    <div className="inline-field">
      <label htmlFor={id} className="inline-label">
        {label}
      </label>
      <select
        id={id}
        className="input select"
        value={value}
        disabled={disabled}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export interface SearchFieldProps {
  readonly label: string
  readonly value: string
  readonly onChange: (value: string) => void
  readonly placeholder?: string
  /** Wait this long after the last keystroke before reporting (ms). */
  readonly delay?: number
}

/** A search box that reports its text once typing pauses, so each keystroke is not a request. */
export function SearchField({ label, value, onChange, placeholder, delay = 300 }: SearchFieldProps) {
  const id = useId()
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  useEffect(() => {
    if (text === value) return
    const timer = setTimeout(() => onChange(text), delay)
    return () => clearTimeout(timer)
  }, [text, value, onChange, delay])
  return (
    <div className="inline-field">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="search"
        className="input input-search"
        placeholder={placeholder ?? label}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </div>
  )
}

export function Toolbar({ children }: { readonly children: ReactNode }) {
  return <div className="toolbar">{children}</div>
}
