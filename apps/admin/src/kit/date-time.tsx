import { defaultLocale } from '@tandem/ui'

/** An instant in the reader's time zone, with the zone named: "Mar 4, 2026, 14:05 CET". */
export function formatInstant(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return String(value)
  return new Intl.DateTimeFormat(defaultLocale(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date)
}

export function DateTime({ value }: { readonly value: string | Date | null | undefined }) {
  if (!value) return <span className="muted">—</span>
  const iso = value instanceof Date ? value.toISOString() : value
  return (
    <time dateTime={iso} title={iso} className="nowrap">
      {formatInstant(value)}
    </time>
  )
}

/** A datetime-local input's value ("2026-03-04T14:05", the reader's zone) for an instant. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** The reader's time zone name, for labels ("Europe/Berlin"). */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time'
}
