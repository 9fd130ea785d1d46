import { humanize, SelectField } from '@tandem/ui'

export interface StatusFilterProps<Status extends string> {
  /** "Status", "Enrollment". */
  readonly label: string
  readonly statuses: readonly Status[]
  readonly value: Status | undefined
  /** null for "Any status". */
  readonly onChange: (status: Status | null) => void
}

/** "Any status" or one of a list's statuses. */
export function StatusFilter<Status extends string>({
  label,
  statuses,
  value,
  onChange,
}: StatusFilterProps<Status>) {
  return (
    <SelectField
      label={label}
      value={value ?? ''}
      onChange={(next) => onChange(statuses.find((status) => status === next) ?? null)}
      options={[
        { value: '', label: 'Any status' },
        ...statuses.map((s) => ({ value: s, label: humanize(s) })),
      ]}
    />
  )
}
