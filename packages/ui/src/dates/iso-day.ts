/** Calendar days as "YYYY-MM-DD" strings; arithmetic happens in UTC so DST never shifts a day. */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

/** True for a real calendar day in YYYY-MM-DD form ("2025-02-30" is false). */
export function isIsoDay(value: string): boolean {
  const match = ISO_DAY.exec(value)
  if (!match) return false
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return utcDay(date) === value
}

/** The calendar day of `date` in the reader's own time zone (what "today" means to them). */
export function localIsoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** The calendar day of `date` in UTC: the API's reports count days in UTC. */
export function utcIsoDay(date: Date): string {
  return utcDay(date)
}

/** `day` plus `days` (negative to go back). */
export function addDays(day: string, days: number): string {
  return utcDay(new Date(dayMs(day) + days * DAY_MS))
}

/** Whole days from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS)
}

function dayMs(day: string): number {
  const match = ISO_DAY.exec(day)
  if (!match) throw new RangeError(`Not a YYYY-MM-DD day: ${day}`)
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
}

function utcDay(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}
