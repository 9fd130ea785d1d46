/** Calendar days as the portals speak them: 'YYYY-MM-DD' in UTC. */

const DAY_MS = 86_400_000

/** Midnight UTC at the start of a 'YYYY-MM-DD' day. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`)
}

/** Midnight UTC after the day: ranges are [startOfDay(from), endOfDay(to)). */
export function endOfDay(day: string): Date {
  return new Date(startOfDay(day).getTime() + DAY_MS)
}

/** The UTC day of an instant. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10)
}

export function addDays(day: string, n: number): string {
  return utcDay(new Date(startOfDay(day).getTime() + n * DAY_MS))
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d)
  return days
}

/** The last `n` days ending today (UTC), both ends included. */
export function lastDays(today: Date, n: number): { from: string; to: string } {
  const to = utcDay(today)
  return { from: addDays(to, -(n - 1)), to }
}
