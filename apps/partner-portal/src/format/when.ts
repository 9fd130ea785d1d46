/** Times as a partner reads them: their own zone, named ("Nov 29, 2026, 11:20 PM UTC+1"). */
const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
})
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

export function whenWithZone(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—'
}

export function dateOf(iso: string | null | undefined): string {
  return iso ? dateOnly.format(new Date(iso)) : '—'
}

/** The reader's time zone, for notes such as "times in Europe/Berlin". */
export function readerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}
