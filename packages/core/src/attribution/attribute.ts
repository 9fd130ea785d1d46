import type { AttributionInput, AttributionResult } from './types.ts'

/** Decide which partner(s) earn a conversion and with what weights (see README.md "Attribution"). */
export function attribute(input: AttributionInput): AttributionResult {
  throw new Error(`attribute: not implemented yet (${input.clicks.length} clicks)`)
}
