type Tone = 'good' | 'warn' | 'bad' | 'info' | 'neutral'

const TONES: Readonly<Record<string, Tone>> = {
  active: 'good',
  approved: 'good',
  paid: 'good',
  completed: 'good',
  pending: 'warn',
  invited: 'warn',
  processing: 'info',
  draft: 'info',
  paused: 'info',
  rejected: 'bad',
  reversed: 'bad',
  banned: 'bad',
  blocked: 'bad',
  disabled: 'bad',
  failed: 'bad',
  archived: 'neutral',
}

/** A status word in a soft coloured pill: green for done, amber for waiting, red for stopped. */
export function StatusBadge({ status }: { readonly status: string }) {
  const tone: Tone = TONES[status] ?? 'neutral'
  return <span className={`badge badge-${tone}`}>{humanize(status)}</span>
}

/** "on_hold" → "On hold". */
export function humanize(value: string): string {
  const words = value.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
